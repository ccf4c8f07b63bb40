#!/usr/bin/env bash
# The end-to-end benchmark of issue 4 (one command; not CI):
#
#   bench/sweep.sh [points ...]        default: 1e7 1e8
#
# For each size, in the same run: the x-sweep of conf/large.conf (f, f', f'' to snappy Parquet)
# through the real gradgrid path (./submit.sh --master 'local[2]'), then the reference: a plain
# Spark SQL job over spark.range computing the same closed forms with built-in column expressions
# (gradgrid.job.bench.ClosedFormSqlSweep, in job's test sources, so not in the app jar), writing the
# same columns with the same partition count. Prints rows/s of each write job (session start-up
# excluded: the sweep summary's wallSeconds, and the same span in the reference), their ratio,
# Parquet bytes per row, and memory per JVM from its G1 log (-Xlog:gc): the largest heap left after
# a mixed collection (old regions collected too: close to the live set; a young collection leaves
# old garbage in place until G1 marks), the number of full GCs, and peak RSS (/usr/bin/time). In
# local mode the driver and the executors share one JVM.
#
# Both JVMs get the same heap cap, BENCH_JAVA_OPTS (default -Xmx1g, Spark's default driver memory):
# a sweep whose memory grew with the row count would run out of heap or thrash at 1e8.
# Environment: BENCH_OUT (default out/bench-sweep), BENCH_JAVA_OPTS (JVM options for both jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="${BENCH_OUT:-out/bench-sweep}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1e7 1e8)

echo "building: mvn -B -q -DskipTests -pl job -am package (app jar + the reference in test classes)" >&2
mvn -B -q -DskipTests -pl job -am package >&2
mkdir -p "$OUT"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# The JVM options submit.sh uses on Java 17 (one list, kept in submit.sh).
eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
LOG4J="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
# shellcheck disable=SC2206
EXTRA=(${BENCH_JAVA_OPTS--Xmx1g})

# max live heap after GC (MB) and max committed heap (MB) from a -Xlog:gc file
gc_stats() {  # prints: max heap after a mixed GC (MB), full GCs, GCs
  python3 - "$1" <<'PY'
import re, sys
mixed = full = n = 0
for line in open(sys.argv[1]):
    m = re.search(r"Pause (Young|Full).*?(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        n += 1
        if "(Mixed)" in line:
            mixed = max(mixed, int(m[3]))
        if m[1] == "Full":
            full += 1
print(mixed, full, n)
PY
}

ROWS_FILE="$OUT/results.tsv"
: >"$ROWS_FILE"
for size in "${SIZES[@]}"; do
  n="$(python3 -c "print(int(float('$size')))")"
  conf="$OUT/large-$size.conf"
  sed -e "s/points = 100000000/points = $n/" -e "s|dir = \"out/large\"|dir = \"$OUT/gradgrid-$size\"|" \
    conf/large.conf >"$conf"
  grep -q "points = $n" "$conf" || { echo "could not set points in $conf" >&2; exit 1; }

  rm -f "$OUT"/gc-*-"$size".log*
  echo "== $size points: gradgrid (./submit.sh --master 'local[2]' $conf)" >&2
  GRADGRID_SKIP_BUILD=1 GRADGRID_JAVA_OPTS="${EXTRA[*]} -Xlog:gc:file=$OUT/gc-gradgrid-$size.log" \
    /usr/bin/time -f '%M %e' -o "$OUT/time-gradgrid-$size" \
    ./submit.sh --master 'local[2]' "$conf" >&2
  g_sec="$(python3 -c "import json;print(json.load(open('$OUT/gradgrid-$size/_gradgrid_summary.json'))['wallSeconds'])")"
  g_bytes="$(du -sb "$OUT/gradgrid-$size" | cut -f1)"

  echo "== $size points: Spark SQL reference (spark.range + closed forms)" >&2
  /usr/bin/time -f '%M %e' -o "$OUT/time-sql-$size" \
    java "${JAVA17_OPTS[@]}" "${EXTRA[@]+"${EXTRA[@]}"}" "-Xlog:gc:file=$OUT/gc-sql-$size.log" "$LOG4J" \
    -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=true \
    -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
    gradgrid.job.bench.ClosedFormSqlSweep "$n" "$OUT/sql-$size" | tee "$OUT/sql-$size.txt" >&2
  s_sec="$(awk '/^reference:/ {print $4}' "$OUT/sql-$size.txt")"
  s_bytes="$(du -sb "$OUT/sql-$size" | cut -f1)"

  read -r g_mixed g_full g_gcs < <(gc_stats "$OUT/gc-gradgrid-$size.log")
  read -r s_mixed s_full s_gcs < <(gc_stats "$OUT/gc-sql-$size.log")
  read -r g_rss _ <"$OUT/time-gradgrid-$size"
  read -r s_rss _ <"$OUT/time-sql-$size"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$n" "$g_sec" \
    "$s_sec" "$g_bytes" "$s_bytes" "$g_mixed" "$g_full" "$g_gcs" "$((g_rss / 1024))" \
    "$s_mixed" "$s_full" "$s_gcs" "$((s_rss / 1024))" >>"$ROWS_FILE"
  rm -rf "$OUT/gradgrid-$size" "$OUT/sql-$size"   # several GB at 1e8
done

echo
echo "| points | gradgrid rows/s | Spark SQL rows/s | ratio | bytes/row (gradgrid / SQL) | gradgrid JVM: heap after mixed GC (MB) / full GCs / GCs / peak RSS (MB) | SQL JVM: same |"
echo "|---:|---:|---:|---:|---:|---|---|"
while IFS=$'\t' read -r size n g s gb sb gl gc gn grss sl sc sn srss; do
  python3 - "$size" "$n" "$g" "$s" "$gb" "$sb" "$gl" "$gc" "$gn" "$grss" "$sl" "$sc" "$sn" "$srss" <<'PY'
import sys
size, n, g, s, gb, sb, gl, gc, gn, grss, sl, sc, sn, srss = sys.argv[1:]
n = int(n); g = float(g); s = float(s)
print(f"| {size} | {n/g:.3g} ({g:.1f} s) | {n/s:.3g} ({s:.1f} s) | {s/g:.2f} | "
      f"{int(gb)/n:.1f} / {int(sb)/n:.1f} | {gl} / {gc} / {gn} / {grss} | {sl} / {sc} / {sn} / {srss} |")
PY
done <"$ROWS_FILE"
