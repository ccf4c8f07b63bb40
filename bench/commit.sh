#!/usr/bin/env bash
# What committing in chunks costs (one command; not CI):
#
#   bench/commit.sh [points] [runs]        default: 1e7 points, 3 runs each
#
# The x-sweep of conf/seed.conf (f, f', f'', grad(alpha), grad(beta)) with 64 partitions, through
# ./submit.sh, twice per run, alternating: every partition in one committed chunk
# (output.commit-every = 64: the reference, one Spark write job as before chunks existed) and in
# the default chunks for 64 partitions on this machine (commit-every = max(2 x cores, 64 / 16)).
# Prints each run's write time (the summary's wallSeconds: lock to publish, session start-up
# excluded) and the median ratio chunked / one chunk.
set -euo pipefail
cd "$(dirname "$0")/.."
POINTS="${1:-1e7}"
RUNS="${2:-3}"
OUT="${BENCH_OUT:-out/bench-commit}"
mkdir -p "$OUT"
CORES="$(nproc)"
EVERY=$(( 2 * CORES > 4 ? 2 * CORES : 4 ))
conf() {  # conf <name> <commit-every>
  cat >"$OUT/$1.conf" <<CONF
include file("$PWD/conf/seed.conf")
inputs.x { from = -10, to = 10, points = $(printf '%.0f' "$POINTS") }
figures = null
output { dir = "$PWD/$OUT/$1", mode = overwrite, commit-every = $2 }
partitions = 64
CONF
}
conf one 64
conf chunked "$EVERY"
seconds() { ./submit.sh summary "$OUT/$1.conf" 2>/dev/null | grep -o '"wallSeconds" *: *[0-9.]*' | grep -o '[0-9.]*$'; }
ratios=()
for r in $(seq 1 "$RUNS"); do
  ./submit.sh "$OUT/one.conf" >/dev/null 2>&1
  a="$(seconds one)"
  ./submit.sh "$OUT/chunked.conf" >/dev/null 2>&1
  b="$(seconds chunked)"
  ratio="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
  ratios+=("$ratio")
  echo "run $r: one chunk ${a}s, chunks of $EVERY partitions ${b}s, ratio $ratio"
done
median="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
echo "points $POINTS, 64 partitions, $CORES cores: chunked / one chunk = $median (median of $RUNS)"
