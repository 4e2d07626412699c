#!/usr/bin/env bash
# A year of heart rate from a Google Takeout zip into one CSV file per local day: fbx
# (`--archive ZIP sync --types hr-1sec`) side by side with bench/takeout_to_csv.py, a plain
# Python converter (json + csv modules) of the same files that writes the same bytes. One run
# each (the machine is shared): wall time, CPU time and peak RSS from /usr/bin/time -v, for a
# month and a year, fbx also with its heap capped at 128 MB (flat memory: the year fits the
# month's heap). Generates the archives with bench/make_takeout.py on the first run.
#
#   bench/archive.sh            # needs target/quarkus-app (./mvnw package -DskipTests); about 10 minutes
#   FBX="bench/work/fbx" bench/archive.sh      # the native binary instead of the jar
#
# Prints a Markdown table and keeps it in bench/work/archive.md. Not a test, not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
W=$PWD/bench/work/archive
mkdir -p "$W"
# A copy of the jar, so that a build during the run does not change what is measured.
rm -rf "$W/app" && cp -r target/quarkus-app "$W/app"
FBX=${FBX:-"java -jar $W/app/quarkus-run.jar"}
FBX128=${FBX128:-"java -Xmx128m -jar $W/app/quarkus-run.jar"}
[[ -e $W/month.zip ]] || python3 bench/make_takeout.py "$W/month.zip" 2024-10-15 30
[[ -e $W/year.zip ]] || python3 bench/make_takeout.py "$W/year.zip" 2024-01-01 366

# run NAME COMMAND... -> "NAME wall_s cpu_s rss_mb" on stdout; fails on a non-zero exit.
run() {
    local name=$1; shift
    rm -rf "$W/out"
    /usr/bin/time -v "$@" >/dev/null 2>"$W/time" || { cat "$W/time" >&2; exit 1; }
    awk -v name="$name" '
        /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
        /User time/ { cpu += $NF } /System time/ { cpu += $NF }
        /Maximum resident/ { rss = $NF / 1024 }
        END { printf "%s %.1f %.1f %.0f\n", name, wall, cpu, rss }' "$W/time"
}

{
    for size in month year; do
        run "fbx-$size" $FBX -q --archive "$W/$size.zip" sync --out "$W/out" --types hr-1sec
        run "fbx128-$size" $FBX128 -q --archive "$W/$size.zip" sync --out "$W/out" --types hr-1sec
        run "python-$size" python3 bench/takeout_to_csv.py "$W/$size.zip" "$W/out"
    done
} | tee "$W/samples"

# The same bytes: the converter and fbx agree on every file of the month.
rm -rf "$W/fbx" "$W/py"
$FBX -q --archive "$W/month.zip" sync --out "$W/fbx" --types hr-1sec
python3 bench/takeout_to_csv.py "$W/month.zip" "$W/py"
diff -r "$W/fbx/hr-1sec" "$W/py" >/dev/null && echo "outputs identical" >&2

samples() { unzip -p "$W/$1.zip" '*/heart_rate-*' | grep -c '"bpm"'; }
awk -v m="$(samples month)" -v y="$(samples year)" '
    { wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4 }
    END {
        print "| " m " samples (30 days) / " y " samples (366 days) | fbx (jar) | fbx, heap 128 MB | Python converter |"
        print "|---|---|---|---|"
        split("month year", sizes, " ")
        for (i = 1; i <= 2; i++) {
            s = sizes[i]
            printf "| %s: wall time | %.1f s | %.1f s | %.1f s |\n", s, wall["fbx-" s], wall["fbx128-" s], wall["python-" s]
            printf "| %s: CPU time | %.1f s | %.1f s | %.1f s |\n", s, cpu["fbx-" s], cpu["fbx128-" s], cpu["python-" s]
            printf "| %s: peak RSS | %d MB | %d MB | %d MB |\n", s, rss["fbx-" s], rss["fbx128-" s], rss["python-" s]
        }
        printf "| year: Python / fbx, wall | %.1f× | %.1f× | — |\n", wall["python-year"] / wall["fbx-year"], wall["python-year"] / wall["fbx128-year"]
        printf "| year: Python / fbx, CPU | %.1f× | %.1f× | — |\n", cpu["python-year"] / cpu["fbx-year"], cpu["python-year"] / cpu["fbx128-year"]
    }' "$W/samples" | tee "$W/archive.md"
