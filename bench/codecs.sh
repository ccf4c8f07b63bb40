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
# footerSeconds (adding the provenance to the footers, part of wallSeconds), and the 1-minute load
# average before the run (the machine may be shared: compare runs of one table only).
# Environment: BENCH_OUT (default out/bench-codecs), BENCH_REPEAT (runs per cell, default 1; the
# table shows the fastest).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${BENCH_OUT:-out/bench-codecs}"
REPEAT="${BENCH_REPEAT:-1}"
CODECS=("$@")
[ ${#CODECS[@]} -gt 0 ] || CODECS=(uncompressed snappy lz4_raw gzip zstd)
mkdir -p "$OUT"
ABS_OUT="$(cd "$OUT" && pwd)"

# summary field of a finished output: json_field <dir> <key>
json_field() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1] + "/_gradgrid/summary.json"))[sys.argv[2]])' "$1" "$2"
}
part_bytes() {
  find "$1" -maxdepth 1 -name 'part-*.parquet' -printf '%s\n' | awk '{s += $1} END {print s}'
}

printf '%-18s %-13s %10s %11s %11s %9s %6s\n' sweep codec bytes/row wallSeconds rows/s footerSec load
for conf in seed seed-coefficients; do
  for codec in "${CODECS[@]}"; do
    best=""
    for _ in $(seq "$REPEAT"); do
      dir="$ABS_OUT/$conf-$codec"
      c="$ABS_OUT/$conf-$codec.conf"
      # The conf less its figures block, with the output moved here (HOCON merges the two blocks).
      sed '/^figures {/,/^}/d' "conf/$conf.conf" >"$c"
      echo "output { dir = \"$dir\", mode = overwrite, compression = $codec }" >>"$c"
      load="$(cut -d' ' -f1 /proc/loadavg)"
      ./submit.sh --master 'local[2]' "$c" >"$ABS_OUT/$conf-$codec.log" 2>&1 || {
        echo "bench/codecs.sh: $conf with $codec failed; see $ABS_OUT/$conf-$codec.log" >&2
        exit 1
      }
      rows="$(json_field "$dir" rows)"
      wall="$(json_field "$dir" wallSeconds)"
      footer="$(json_field "$dir" footerSeconds)"
      bytes="$(part_bytes "$dir")"
      line="$(awk -v s="$conf" -v c="$codec" -v b="$bytes" -v r="$rows" -v w="$wall" -v f="$footer" -v l="$load" \
        'BEGIN {printf "%-18s %-13s %10.1f %11.2f %11.0f %9.3f %6s", s, c, b / r, w, r / w, f, l}')"
      if [ -z "$best" ] || [ "$(echo "$line" | awk '{print $4}')" \< "$(echo "$best" | awk '{print $4}')" ]; then
        best="$line"
      fi
    done
    echo "$best"
  done
done
