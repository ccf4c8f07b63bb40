#!/usr/bin/env bash
# Load runs for issue 7 (not CI): the 1e8-point x-sweep (conf/large.conf) and one large
# coefficient sweep (alpha[1] x beta[1], output f only) in local[2] with the JVM's default heap.
# Records wall time, peak heap (from the GC log: the largest heap before and after a collection)
# and output size.
#
#   bench/load.sh [points per coefficient axis, default 31623 (~1e9 rows)] [sweeps, default "large coefficients"]
#
# Output goes to $GRADGRID_LOAD_OUT (default out/load); it is deleted after measuring.
# LOAD_JAVA_OPTS adds JVM options (e.g. -Xmx1g to show the sweep runs in a small, flat heap).
# Each row is also appended to $OUT/results.rows; bench/RESULTS-load.md keeps the measured table.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SIDE="${1:-31623}"
WHICH="${2:-large coefficients}"
OUT="${GRADGRID_LOAD_OUT:-out/load}"
mkdir -p "$OUT"
RESULTS="$OUT/results"

coeff_conf() {
  cat <<CONF
function { builtin = rational, deg-p = 5, deg-q = 5 }
inputs {
  x = 1.5
  alpha = [0.5, -1.2, -0.8, 0.4, 0.05, -0.01]
  beta = [0.3, -0.6, 0.1, 0.08, -0.01, 0.001]
  "alpha[1]" { from = -3, to = 3, points = $SIDE }
  "beta[1]" { from = -3, to = 3, points = $SIDE }
}
outputs = [f]
output { dir = "$OUT/coefficients", mode = overwrite }
output.max-bytes = 100g
CONF
}

measure() {  # measure <label> <conf>
  local label="$1" conf="$2" gclog="$OUT/$1.gc.log" start end
  rm -rf "${OUT:?}/$label" "$gclog"
  start=$(date +%s.%N)
  GRADGRID_JAVA_OPTS="-Xlog:gc:file=$gclog ${LOAD_JAVA_OPTS:-}" ./submit.sh --master 'local[2]' \
    --conf spark.ui.showConsoleProgress=false "$conf" | tail -1
  end=$(date +%s.%N)
  local dir rows wall peak live heap bytes
  local summary
  summary="$(./submit.sh summary "$conf" 2>/dev/null)"
  dir="$(grep -o '"output" *: *"[^"]*"' <<<"$summary" | sed 's/.*"file:\/\/\(.*\)"/\1/')"
  rows="$(grep -o '"rows" *: *[0-9]*' <<<"$summary" | grep -o '[0-9]*$')"
  wall="$(echo "$end - $start" | bc)"
  # G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 123M->45M(256M) 3.2ms"
  peak="$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$gclog" | sed 's/M->.*//' | sort -n | tail -1)"
  live="$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$gclog" | sed 's/.*->\([0-9]*\)M(.*/\1/' | sort -n | tail -1)"
  heap="$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$gclog" | sed 's/.*(\([0-9]*\)M)/\1/' | sort -n | tail -1)"
  bytes="$(du -sb "$dir" | cut -f1)"
  local line
  line="| $label | $rows | $(printf %.1f "$wall") | $(echo "scale=2; $rows / $wall / 1000000" | bc) | ${peak:-?} | ${live:-?} | ${heap:-?} | $(echo "scale=2; $bytes / 1000000000" | bc) | $(date -u +%F) |"
  echo "$line"
  echo "$line" >>"$RESULTS.rows"
  rm -rf "${dir:?}"
}

sed "s|dir = \"out/large\"|dir = \"$OUT/large\"|" conf/large.conf >"$OUT/large.conf"
coeff_conf >"$OUT/coefficients.conf"
echo "| sweep | rows | wall s | Mrows/s | peak heap before GC MB | max live after GC MB | max committed MB | output GB | date |"
for w in $WHICH; do measure "$w" "$OUT/$w.conf"; done
