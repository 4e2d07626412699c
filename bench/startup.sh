#!/usr/bin/env bash
# Start-up, side by side: runs command A and command B in turn (A B A B ...), RUNS times each after
# one warm-up run of each, and prints each one's min / median / max wall time of the whole process
# and the median of the pairwise ratios A/B (pairing keeps the ratio meaningful when the machine's
# speed drifts). Output is thrown away. Only bash and coreutils.
#
#   bench/startup.sh [RUNS] 'COMMAND A' 'COMMAND B'
#   bench/startup.sh 10 'target/fbx-runner --help' 'python3 -c "import requests"'
#
# Each command is one string run by `bash -c 'exec …'`: the exec leaves the timed process the
# command itself, but a bash start (about a millisecond) is in every figure, A's and B's alike.
set -euo pipefail
runs=10
if [[ $# -eq 3 ]]; then
    runs=$1
    shift
fi
[[ $# -eq 2 ]] || { echo "usage: $0 [RUNS] 'COMMAND A' 'COMMAND B'" >&2; exit 2; }
a=$1
b=$2

# Microseconds of one run, from bash's own clock (no process started to read it).
once() {
    local start end
    start=${EPOCHREALTIME/./}
    bash -c "exec $1" > /dev/null 2>&1 || true
    end=${EPOCHREALTIME/./}
    echo $((end - start))
}

once "$a" > /dev/null
once "$b" > /dev/null
ta=()
tb=()
ratios=()
for ((i = 0; i < runs; i++)); do
    x=$(once "$a")
    y=$(once "$b")
    ta+=("$x")
    tb+=("$y")
    ratios+=("$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.4f", x / y }')")
done

# min median max of the numbers given (the median of an even count: the mean of the middle two).
stats() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%s %s %s", v[1], m, v[NR] }'
}
read -r amin amed amax <<< "$(stats "${ta[@]}")"
read -r bmin bmed bmax <<< "$(stats "${tb[@]}")"
read -r rmin rmed rmax <<< "$(stats "${ratios[@]}")"
printf '%d runs each, taking turns; wall time of the whole process, ms: min / median / max\n' "$runs"
awk -v n="A  $a" -v x="$amin" -v m="$amed" -v y="$amax" 'BEGIN { printf "%-50s %7.1f %7.1f %7.1f\n", n, x / 1000, m / 1000, y / 1000 }'
awk -v n="B  $b" -v x="$bmin" -v m="$bmed" -v y="$bmax" 'BEGIN { printf "%-50s %7.1f %7.1f %7.1f\n", n, x / 1000, m / 1000, y / 1000 }'
awk -v x="$rmin" -v m="$rmed" -v y="$rmax" 'BEGIN { printf "%-50s %7.3f %7.3f %7.3f   (B is %.1fx A)\n", "A/B, pair by pair", x, m, y, 1 / m }'
