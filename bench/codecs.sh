#!/usr/bin/env bash
# Parquet codecs on the two reference sweeps (issue 12, item 4; not CI):
#
#   bench/codecs.sh [codec ...]        default: uncompressed snappy lz4_raw gzip zstd
#
# Writes conf/seed.conf (20,001 rows: x, f, f', f'', two gradients of 6; 17 doubles a row) and
# conf/seed-coefficients.conf (250,000 rows: two axes, f, two gradients of 6, a 6 x 6 Hessian; 51
# doubles a row) once per codec through the real path (./submit.sh --master 'local[2]', figures
# off), and prints per run: Parquet bytes per row (the part files' total / rows), the summary's
# wallSeconds (evaluation, write, footers and commit) and rows per second of it, the summary's
# footerSeconds (adding the provenance to the footers, part of wallSeconds), the CPU seconds of the
# whole command (user + system of submit.sh and its JVM, from /usr/bin/time: start-up and JIT
# included, the same for every codec, but far less disturbed than wall time by other processes on
# a shared machine), and the highest 1-minute load average seen before a run of the cell.
# Environment: BENCH_OUT (default out/bench-codecs), BENCH_REPEAT (runs per cell, default 1; the
# table shows the least of each time over the runs).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${BENCH_OUT:-out/bench-codecs}"
REPEAT="${BENCH_REPEAT:-1}"
CODECS=("$@")
[ ${#CODECS[@]} -gt 0 ] || CODECS=(uncompressed snappy lz4_raw gzip zstd)
mkdir -p "$OUT"
ABS_OUT="$(cd "$OUT" && pwd)"

# summary fields of a finished output, one per line: summary_fields <conf> <key>...
summary_fields() {
  ./submit.sh summary "$1" 2>/dev/null \
    | python3 -c 'import json,sys; s = json.load(sys.stdin); [print(s[k]) for k in sys.argv[1:]]' "${@:2}"
}
min() {  # the lesser of two numbers, the first may be empty
  awk -v a="$1" -v b="$2" 'BEGIN {print (a == "" || b < a + 0 ? b : a)}'
}
part_bytes() {
  find "$1" -maxdepth 1 -name 'part-*.parquet' -printf '%s\n' | awk '{s += $1} END {print s}'
}

printf '%-18s %-13s %10s %11s %11s %9s %7s %6s\n' sweep codec bytes/row wallSeconds rows/s footerSec cpuSec load
for conf in seed seed-coefficients; do
  for codec in "${CODECS[@]}"; do
    wall_min="" cpu_min="" footer_min="" load_max=""
    for _ in $(seq "$REPEAT"); do
      dir="$ABS_OUT/$conf-$codec"
      c="$ABS_OUT/$conf-$codec.conf"
      # The conf less its figures block, with the output moved here (HOCON merges the two blocks).
      sed '/^figures {/,/^}/d' "conf/$conf.conf" >"$c"
      echo "output { dir = \"$dir\", mode = overwrite, compression = $codec }" >>"$c"
      load="$(cut -d' ' -f1 /proc/loadavg)"
      /usr/bin/time -f '%U %S' -o "$ABS_OUT/$conf-$codec.time" \
        ./submit.sh --master 'local[2]' "$c" >"$ABS_OUT/$conf-$codec.log" 2>&1 || {
        echo "bench/codecs.sh: $conf with $codec failed; see $ABS_OUT/$conf-$codec.log" >&2
        exit 1
      }
      { read -r rows; read -r wall; read -r footer; } < <(summary_fields "$c" rows wallSeconds footerSeconds)
      bytes="$(part_bytes "$dir")"
      cpu="$(awk 'END {print $1 + $2}' "$ABS_OUT/$conf-$codec.time")"
      wall_min="$(min "$wall_min" "$wall")"
      cpu_min="$(min "$cpu_min" "$cpu")"
      footer_min="$(min "$footer_min" "$footer")"
      load_max="$(awk -v a="${load_max:-0}" -v b="$load" 'BEGIN {print (b > a ? b : a)}')"
    done
    awk -v s="$conf" -v c="$codec" -v b="$bytes" -v r="$rows" -v w="$wall_min" -v f="$footer_min" \
      -v u="$cpu_min" -v l="$load_max" \
      'BEGIN {printf "%-18s %-13s %10.1f %11.2f %11.0f %9.3f %7.1f %6s\n", s, c, b / r, w, r / w, f, u, l}'
  done
done
