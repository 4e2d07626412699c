#!/usr/bin/env bash
# A study of PARTICIPANTS=200 demo participants (each a synthetic person seeded by their id, served
# inside fbx on loopback in the Google Health API's shapes) × DAYS=31 days of hr,hrv,sleep synced
# into PostgreSQL with --parallel 8: once by one process, then split into SHARDS=4 shards run as four
# processes at once, whose database must end with exactly the same rows (the script checks). Wall
# time, CPU time and peak RSS (/usr/bin/time) of each, then the compliance report of the cohort.
# Prints a Markdown table (bench/README.md's "Cohort: 200 participants") and keeps it in
# bench/work/cohort-results.md. Uses the jar in target/quarkus-app with its default heap (or
# FBX="command": bench/work/fbx-native, say) and the PostgreSQL of bench/postgres.sh.
#
#   bench/cohort.sh
#   PARTICIPANTS=20 DAYS=7 bench/cohort.sh
#
# Not a test, and not run by CI: the numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTICIPANTS=${PARTICIPANTS:-200}
DAYS=${DAYS:-31}
SHARDS=${SHARDS:-4}
PARALLEL=${PARALLEL:-8}
FBX=${FBX:-"java -jar $PWD/target/quarkus-app/quarkus-run.jar"}
W=$PWD/bench/work && mkdir -p "$W"
source bench/postgres.sh
psql -c "CREATE ROLE fbx LOGIN PASSWORD 'bench'"
export FBX_DB_PASSWORD=bench
url() { echo "postgresql://fbx@127.0.0.1:$PORT/$1"; }

cd "$RUN"
{ echo "participant,token_file,archive"; for i in $(seq -w 1 "$PARTICIPANTS"); do echo "participant-$i,,"; done; } > roster.csv
since=$(date -d "today - $((DAYS - 1)) days" +%F)
sync=(--demo -q cohort sync --roster roster.csv --since "$since" --types hr,hrv,sleep --parallel "$PARALLEL")

# measure NAME ARGS... -> "NAME ms kb cpu-seconds" in $RUN/samples; fails on a non-zero exit.
measure() {
    local name=$1 t0 t1 kb user sys; shift
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%M %U %S' -o "$RUN/$name.time" $FBX "$@" 2>"$RUN/$name.err"; then
        echo "$name failed:" >&2; cat "$RUN/$name.err" >&2; exit 1
    fi
    t1=$(date +%s%N)
    read -r kb user sys < <(tail -n1 "$RUN/$name.time")
    echo "$name $(((t1 - t0) / 1000000)) $kb $(python3 -c "print($user + $sys)")" >> "$RUN/samples"
}
# Every row of every fbx table, sorted: equal for two databases that hold the same.
dump() {
    for table in $(psql -d "$1" -c "SELECT tablename FROM pg_tables WHERE tablename LIKE 'fbx\_%' ORDER BY 1"); do
        psql -d "$1" -c "SELECT '$table', t.* FROM $table t" | sort
    done
}

echo "one process: $PARTICIPANTS participants × $DAYS days, --parallel $PARALLEL" >&2
psql -c "CREATE DATABASE one OWNER fbx"
measure one "${sync[@]}" --db "$(url one)"

echo "$SHARDS shards as $SHARDS processes at once" >&2
psql -c "CREATE DATABASE sharded OWNER fbx"
t0=$(date +%s%N)
for i in $(seq 0 $((SHARDS - 1))); do
    measure "shard-$i" "${sync[@]}" --db "$(url sharded)" --shard "$i/$SHARDS" &
done
wait
t1=$(date +%s%N)
echo "shards $(((t1 - t0) / 1000000)) 0 0" >> "$RUN/samples"
rows=$(dump one | wc -l)
[[ $(dump one | sha256sum) == "$(dump sharded | sha256sum)" ]] \
    || { echo "the shards' database differs from the one process's" >&2; exit 1; }
echo "the same $rows rows in both databases" >&2

echo "the compliance report of the cohort" >&2
measure report -q cohort report --roster roster.csv --db "$(url one)" --days "$DAYS" -o compliance.html --csv compliance.csv
cp compliance.html "$W/cohort-compliance.html"

python3 - "$RUN/samples" "$PARTICIPANTS" "$DAYS" "$SHARDS" "$PARALLEL" "$rows" "$("$PGBIN/postgres" --version)" "$FBX" <<'PY' | tee "$W/cohort-results.md"
import sys, platform, os, datetime
samples, participants, days, shards, parallel, rows, pg, fbx = sys.argv[1:9]
data = {}
for line in open(samples):
    name, ms, kb, cpu = line.split()
    data[name] = (int(ms), int(kb), float(cpu))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
load = open("/proc/loadavg").read().split()[0]
what = "the native binary" if "java" not in fbx else "the jar, default heap"
print(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu}, {os.cpu_count()} cores (load average {load} after);"
      f" {pg}, defaults; {what}; one run each.")
print()
one, report = data["one"], data["report"]
shard = [data[f"shard-{i}"] for i in range(int(shards))]
print(f"| {participants} demo participants × {days} days (`hr,hrv,sleep`), `--parallel {parallel}` | wall time | CPU time | peak RSS |")
print("|---|---|---|---|")
print(f"| one process | {one[0] / 1000:.1f} s | {one[2]:.1f} s | {one[1] / 1024:.0f} MB |")
print(f"| {shards} shards, {shards} processes at once (each) | {data['shards'][0] / 1000:.1f} s | "
      f"{sum(s[2] for s in shard):.1f} s in all | {max(s[1] for s in shard) / 1024:.0f} MB at most |")
print(f"| `cohort report --db` of the {participants}, {days} days | {report[0] / 1000:.1f} s | {report[2]:.1f} s | {report[1] / 1024:.0f} MB |")
print()
print(f"The {shards} shards' database holds the same {int(rows):,} rows as the one process's (compared sorted, every fbx table).")
PY
