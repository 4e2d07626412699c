#!/usr/bin/env bash
# The same sync into a CSV directory and into PostgreSQL, side by side: a year of 1-minute heart
# rate of the demo account in the Fitbit shapes it was first measured with (--demo --provider fitbit:
# served on loopback inside fbx, so the API is not what is
# measured), fresh target each run, the two sinks taking turns. Prints a Markdown table (the
# README's) and keeps it in bench/work/db-results.md. Uses the jar in target/quarkus-app (or
# FBX="command" to run another build) and a local PostgreSQL started here on a free port with its
# defaults (fsync on): Debian's postgresql if installed, else the server binaries the tests
# unpacked (run a PostgreSQL test once first). PostgreSQL refuses root, so as root it runs as nobody.
#
#   bench/db.sh                 # RUNS=3 runs of each, DAYS=365 (about 10 minutes on two cores)
#   RUNS=1 DAYS=30 bench/db.sh
#
# Not a test, and not run by CI: the numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DAYS=${DAYS:-365}
FBX=${FBX:-"java -jar $PWD/target/quarkus-app/quarkus-run.jar"}
W=$PWD/bench/work && mkdir -p "$W"
source bench/postgres.sh

since=$(date -d "today - $((DAYS - 1)) days" +%F)
cd "$RUN"
# measure SINK TARGET... -> appends "sink ms kb cpu-seconds" to $RUN/samples; fails on a non-zero exit.
measure() {
    local sink=$1 t0 t1; shift
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%M %U %S' -o "$RUN/rss" $FBX --demo --provider fitbit -q sync --since "$since" --types hr-1min "$@" 2>"$RUN/err"; then
        echo "$sink failed:" >&2; cat "$RUN/err" >&2; exit 1
    fi
    t1=$(date +%s%N)
    read -r kb user sys < <(tail -n1 "$RUN/rss")
    echo "$sink $(((t1 - t0) / 1000000)) $kb $(python3 -c "print($user + $sys)")" >> "$RUN/samples"
}
for i in $(seq "$RUNS"); do
    echo "run $i of $RUNS: $DAYS days of 1-minute heart rate into CSV, then into PostgreSQL" >&2
    rm -rf "$RUN/csv"
    measure csv --out "$RUN/csv"
    csv_rows=$(cat "$RUN"/csv/hr-1min/*.csv | grep -vc '^time,')
    psql -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
    measure postgresql --db "postgresql://postgres@127.0.0.1:$PORT/bench"
    db_rows=$(psql -d bench -c "SELECT count(*) FROM fbx_hr_1min")
    [[ $csv_rows == "$db_rows" ]] || { echo "CSV has $csv_rows rows, PostgreSQL $db_rows" >&2; exit 1; }
done

python3 - "$RUN/samples" "$RUNS" "$DAYS" "$csv_rows" "$("$PGBIN/postgres" --version)" <<'PY' | tee "$W/db-results.md"
import statistics, sys, platform, os, datetime
samples, runs, days, rows, pg = sys.argv[1:6]
data = {}
for line in open(samples):
    sink, ms, kb, cpu = line.split()
    data.setdefault(sink, []).append((int(ms), int(kb), float(cpu)))
med = lambda sink, i: statistics.median(x[i] for x in data[sink])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"Measured {datetime.date.today()} on {cpu}, {os.cpu_count()} cores; {pg}, defaults (fsync on), same machine; "
      f"the jar; medians of {runs} runs.")
print()
print(f"| `fbx --demo --provider fitbit sync --types hr-1min`, {days} days ({int(rows):,} rows) | CSV directory | PostgreSQL |")
print("|---|---|---|")
print(f"| time | {med('csv', 0) / 1000:.1f} s | {med('postgresql', 0) / 1000:.1f} s |")
print(f"| … PostgreSQL / CSV | | {med('postgresql', 0) / med('csv', 0):.2f}× |")
print(f"| CPU time of fbx (user + system) | {med('csv', 2):.1f} s | {med('postgresql', 2):.1f} s |")
print(f"| peak RSS | {med('csv', 1) / 1024:.0f} MB | {med('postgresql', 1) / 1024:.0f} MB |")
PY
