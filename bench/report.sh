#!/usr/bin/env bash
# How fast `fbx report` draws a year from a sync directory, and how big the page is. Fills a
# directory with a year of the demo account (`fbx --demo --provider fitbit sync`, the shapes it was
# first measured with: every daily dataset and hr-15min,
# once, kept in bench/work/report-sync), then times `fbx report --in` for 365 days against
# `fbx --version` (the JVM's start-up alone): the difference is the report's own work. Medians of
# RUNS runs. Prints a Markdown table and keeps it in bench/work/report.md.
#
#   ./mvnw -B package -DskipTests && bench/report.sh
#   RUNS=3 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/report.sh
#
# Not a test, and not run by CI: the numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
RUNS=${RUNS:-7}
JAR=$PWD/target/quarkus-app/quarkus-run.jar
W=$PWD/bench/work
SYNC=$W/report-sync
[[ -e $JAR ]] || { echo "missing $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
mkdir -p "$W"
fbx() { "$JAVA" -jar "$JAR" "$@"; }

if [[ ! -d $SYNC/hr-15min ]] || (( $(ls "$SYNC/hr-15min" | wc -l) < 365 )); then
    echo "filling $SYNC with a year of the demo account (takes a minute or two)" >&2
    fbx --demo --provider fitbit -q sync --out "$SYNC" --since "$(date -d '-424 days' +%F)" --types hr,hrv,spo2,br,temp,sleep --hr-detail 15min
fi

# Median wall time in ms of the command given, over RUNS runs.
median_ms() {
    local times=()
    for ((i = 0; i < RUNS; i++)); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

# Median CPU time (user + sys, all threads) in ms of the command given: less at the mercy of other
# processes on the machine than wall time.
median_cpu_ms() {
    local times=()
    for ((i = 0; i < RUNS; i++)); do
        times+=($(/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", ($1 + $2) * 1000}'))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

OUT=$W/report-year.html
startup=$(median_ms fbx --version)
startup_cpu=$(median_cpu_ms "$JAVA" -jar "$JAR" --version)
year_cpu=$(median_cpu_ms "$JAVA" -jar "$JAR" -q report --in "$SYNC" --days 365 -o "$OUT")
year=$(median_ms fbx -q report --in "$SYNC" --days 365 -o "$OUT")
quarter=$(median_ms fbx -q report --in "$SYNC" -o "$W/report-90.html")
# The report's own work, as -v logs it: reading the files, then drawing and writing the page.
own=$(for ((i = 0; i < RUNS; i++)); do
    fbx -v report --in "$SYNC" --days 365 -o "$OUT" 2>&1 | sed -n 's/.*report: read in \([0-9]*\) ms, drawn and written in \([0-9]*\) ms.*/\1 \2 \1+\2/p' \
        | awk '{print $1 + $2, $1, $2}'
done | sort -n | sed -n "$(((RUNS + 1) / 2))p")
size_year=$(stat -c %s "$OUT")
size_quarter=$(stat -c %s "$W/report-90.html")
files=$(find "$SYNC" -name '*.csv' | wc -l)

{
    echo "Measured $(date -u +%F) on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;"
    echo "$("$JAVA" -version 2>&1 | head -1); medians of $RUNS runs; $files CSV files in the sync directory."
    echo
    echo "| what | time | CPU time | page |"
    echo "|---|---|---|---|"
    echo "| \`fbx --version\` (JVM start-up alone) | $startup ms | $startup_cpu ms | — |"
    echo "| \`fbx report --in DIR\`, 90 days (the default) | $quarter ms | — | $((size_quarter / 1024)) KB |"
    echo "| \`fbx report --in DIR --days 365\` | $year ms | $year_cpu ms | $((size_year / 1024)) KB |"
    echo "| … of which the report's own work (\`-v\`): read, then draw and write | $(cut -d' ' -f1 <<<"$own") ms ($(cut -d' ' -f2 <<<"$own") + $(cut -d' ' -f3 <<<"$own")) | $((year_cpu - startup_cpu)) ms more than start-up | — |"
    echo
    echo "Load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$W/report.md"
