#!/usr/bin/env bash
# fbx's benchmarks: start-up time and peak memory (RSS) of the jar, the jar with the AOT cache and
# the native binary, side by side in one run (the variants take turns, so machine load hits all
# alike); throughput and peak memory of a year of 1-second heart rate into CSV; and the number of
# requests a one-year back-fill makes against the documented minimum. Everything runs against
# bench/fake_fitbit.py on loopback. Prints a Markdown table (the README's) and keeps it in
# bench/work/results.md. Build the artifacts first with bench/build.sh.
#
#   bench/run.sh                       # RUNS=10 start-up runs, TRUNS=3 throughput runs each
#                                      # (about 25 minutes on two cores)
#   RUNS=5 TRUNS=1 DAYS="1 30" bench/run.sh
#
# Not a test, and not run by CI: the numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${FBX_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
RUNS=${RUNS:-10}
TRUNS=${TRUNS:-3}
DAYS=${DAYS:-"1 30 365"}
PORT=${PORT:-18931}
W=$PWD/bench/work
for f in "$W/jar/quarkus-run.jar" "$W/aot/fbx.aot" "$W/fbx"; do
    [[ -e $f ]] || { echo "missing $f: run bench/build.sh first" >&2; exit 1; }
done

declare -A CMD=(
    [jar]="$JAVA -jar $W/jar/quarkus-run.jar"
    [jar+aot]="$JAVA -XX:AOTCache=$W/aot/fbx.aot -jar $W/aot/quarkus-run.jar"
    [native]="$W/fbx"
)
VARIANTS=(jar jar+aot native)
# The same with the heap capped: if a year streams through a 128 MB heap, memory does not grow
# with the range (without a cap the JVM lets its heap grow towards a quarter of RAM because it can).
CMD[jar/128m]="$JAVA -Xmx128m -jar $W/jar/quarkus-run.jar"
CMD[native/128m]="$W/fbx -Xmx128m"
TVARIANTS=("${VARIANTS[@]}" jar/128m native/128m)

python3 bench/fake_fitbit.py "$PORT" & FAKE=$!
trap 'kill $FAKE' EXIT
RUN=$(mktemp -d)
printf '{"client_id":"BENCH","access_token":"ACCESS","refresh_token":"REFRESH","expires_at":"2999-01-01T00:00:00Z","timezone":"Europe/Berlin"}' > "$RUN/fb_conf.json"
chmod 600 "$RUN/fb_conf.json"
export FBX_TOKEN_FILE=$RUN/fb_conf.json FBX_FITBIT_API_URL=http://127.0.0.1:$PORT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/__count" >/dev/null && break; sleep 0.1; done

# measure VARIANT ARGS... -> appends "variant scenario ms kb" to $RUN/samples; fails on a non-zero exit.
measure() {
    local variant=$1 scenario=$2; shift 2
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -f %M -o "$RUN/rss" ${CMD[$variant]} "$@" >"$RUN/out" 2>"$RUN/err"; then
        echo "$variant $scenario failed:" >&2; cat "$RUN/err" >&2; exit 1
    fi
    t1=$(date +%s%N)
    echo "$variant $scenario $(((t1 - t0) / 1000000)) $(tail -n1 "$RUN/rss")" >> "$RUN/samples"
}

echo "start-up: $RUNS runs of each" >&2
for _ in $(seq "$RUNS"); do
    for v in "${VARIANTS[@]}"; do
        measure "$v" help --help
        measure "$v" hr-day hr --detail 1min --date 2024-07-01
    done
done

for days in $DAYS; do
    to=$(date -d "2023-01-01 + $((days - 1)) days" +%F)
    echo "1-second heart rate, $days days: $TRUNS runs of each" >&2
    for _ in $(seq "$TRUNS"); do
        for v in "${TVARIANTS[@]}"; do
            measure "$v" "year-$days" hr --detail 1sec --from 2023-01-01 --to "$to" -o "$RUN/hr.csv"
            rows=$(($(wc -l < "$RUN/hr.csv") - 1))
            [[ $rows == $((days * 86400)) ]] || { echo "$v wrote $rows rows for $days days" >&2; exit 1; }
        done
    done
done

# Requests of a one-year back-fill, per command, against ceil(days / the endpoint's maximum range).
curl -sf "http://127.0.0.1:$PORT/__count" >/dev/null
: > "$RUN/requests"
for spec in "hr --detail 1sec:1" "hr --detail 1min:1" "hr:365" "hrv:30"; do
    args=${spec%:*} max=${spec##*:}
    ${CMD[native]} $args --from 2023-01-01 --to 2023-12-31 -o "$RUN/backfill.csv" 2>"$RUN/err" || { cat "$RUN/err" >&2; exit 1; }
    echo "$args|$(curl -sf "http://127.0.0.1:$PORT/__count")|$(((365 + max - 1) / max))" >> "$RUN/requests"
done

python3 - "$RUN/samples" "$RUN/requests" "$RUNS" "$TRUNS" "$("$JAVA" -version 2>&1 | head -n1)" <<'PY' | tee "$W/results.md"
import statistics, sys, platform, os, datetime
samples, requests, runs, truns, jvm = sys.argv[1:6]
data = {}
for line in open(samples):
    v, s, ms, kb = line.split()
    data.setdefault((v, s), []).append((int(ms), int(kb)))
variants = ["jar", "jar+aot", "native", "jar/128m", "native/128m"]
med = lambda xs: statistics.median(xs)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
print(f"Measured {datetime.date.today()} on {cpu}, {os.cpu_count()} cores, {mem} GiB, {platform.system()} {platform.release()}; "
      f"{jvm}; medians of {runs} start-up runs and {truns} throughput runs.")
print()
print("| what | " + " | ".join(variants) + " |")
print("|---|" + "---|" * len(variants))
def row(title, scenario, fmt):
    cells = []
    for v in variants:
        xs = data.get((v, scenario))
        cells.append(fmt(xs) if xs else "—")
    print(f"| {title} | " + " | ".join(cells) + " |")
row("`fbx --help`: time", "help", lambda xs: f"{med([x[0] for x in xs]):.0f} ms")
row("`fbx --help`: peak RSS", "help", lambda xs: f"{med([x[1] for x in xs]) / 1024:.0f} MB")
row("`hr --detail 1min`, one day: time", "hr-day", lambda xs: f"{med([x[0] for x in xs]):.0f} ms")
row("`hr --detail 1min`, one day: peak RSS", "hr-day", lambda xs: f"{med([x[1] for x in xs]) / 1024:.0f} MB")
for key in sorted({s for (_, s) in data if s.startswith("year-")}, key=lambda s: int(s[5:])):
    days = int(key[5:])
    row(f"`hr --detail 1sec`, {days} day{'s' if days > 1 else ''} ({days * 86400:,} rows): time", key, lambda xs: f"{med([x[0] for x in xs]) / 1000:.1f} s")
    row(f"… rows per second", key, lambda xs, d=days: f"{d * 86400 / (med([x[0] for x in xs]) / 1000) / 1e6:.2f} M/s")
    row(f"… peak RSS", key, lambda xs: f"{med([x[1] for x in xs]) / 1024:.0f} MB")
print()
print("| one-year back-fill | requests made | documented minimum |")
print("|---|---|---|")
for line in open(requests):
    args, made, minimum = line.strip().split("|")
    print(f"| `fbx {args}` | {made} | {minimum} |")
PY
rm -rf "$RUN"
