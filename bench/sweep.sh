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
# the CPU seconds of all tasks (Spark's task metrics, summed by gradgrid.job.bench.TaskCpuListener:
# unlike wall time, hardly affected by other processes on the cores) and the ratio of rows per CPU
# second, the load average around each job,
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
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
mkdir -p "$OUT"
# The CPU listener (test classes) goes on both JVMs' classpaths; submit.sh's own path is unchanged.
(cd job/target/test-classes && jar cf "$ROOT/$OUT/bench-listener.jar" gradgrid/job/bench/TaskCpuListener.class)
LISTENER=(--conf spark.extraListeners=gradgrid.job.bench.TaskCpuListener)
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
  load_g="$(cut -d' ' -f1 /proc/loadavg)"
  GRADGRID_SKIP_BUILD=1 GRADGRID_LAUNCH_CP="$(cat job/target/classpath-launch.txt):$OUT/bench-listener.jar" \
    GRADGRID_JAVA_OPTS="${EXTRA[*]} -Xlog:gc:file=$OUT/gc-gradgrid-$size.log" \
    /usr/bin/time -f '%M %e' -o "$OUT/time-gradgrid-$size" \
    ./submit.sh --master 'local[2]' "${LISTENER[@]}" "$conf" 2>&1 | tee "$OUT/gradgrid-$size.txt" >&2
  g_sec="$(GRADGRID_SKIP_BUILD=1 ./submit.sh summary "$conf" 2>/dev/null \
    | python3 -c "import json,sys;print(json.load(sys.stdin)['wallSeconds'])")"
  g_bytes="$(du -sb "$OUT/gradgrid-$size" | cut -f1)"

  echo "== $size points: Spark SQL reference (spark.range + closed forms)" >&2
  load_s="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f '%M %e' -o "$OUT/time-sql-$size" \
    java "${JAVA17_OPTS[@]}" "${EXTRA[@]+"${EXTRA[@]}"}" "-Xlog:gc:file=$OUT/gc-sql-$size.log" "$LOG4J" \
    -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=true \
    -Dspark.extraListeners=gradgrid.job.bench.TaskCpuListener \
    -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
    gradgrid.job.bench.ClosedFormSqlSweep "$n" "$OUT/sql-$size" 2>&1 | tee "$OUT/sql-$size.txt" >&2
  load_e="$(cut -d' ' -f1 /proc/loadavg)"
  g_cpu="$(grep -ao 'bench-tasks: rows [0-9]* cpu_s [0-9.]*' "$OUT/gradgrid-$size.txt" | awk '{print $5}')"
  s_cpu="$(grep -ao 'bench-tasks: rows [0-9]* cpu_s [0-9.]*' "$OUT/sql-$size.txt" | awk '{print $5}')"
  s_sec="$(grep -ao 'reference: [0-9]* rows [0-9.]* s' "$OUT/sql-$size.txt" | awk '{print $4}')"
  s_bytes="$(du -sb "$OUT/sql-$size" | cut -f1)"

  read -r g_mixed g_full g_gcs < <(gc_stats "$OUT/gc-gradgrid-$size.log")
  read -r s_mixed s_full s_gcs < <(gc_stats "$OUT/gc-sql-$size.log")
  read -r g_rss _ <"$OUT/time-gradgrid-$size"
  read -r s_rss _ <"$OUT/time-sql-$size"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$n" "$g_sec" \
    "$s_sec" "$g_bytes" "$s_bytes" "$g_mixed" "$g_full" "$g_gcs" "$((g_rss / 1024))" \
    "$s_mixed" "$s_full" "$s_gcs" "$((s_rss / 1024))" "$g_cpu" "$s_cpu" "$load_g/$load_s/$load_e" >>"$ROWS_FILE"
  rm -rf "$OUT/gradgrid-$size" "$OUT/sql-$size"   # several GB at 1e8
done

echo
echo "| points | gradgrid rows/s (wall) | Spark SQL rows/s (wall) | ratio | task CPU s (gradgrid / SQL) | ratio of rows per CPU s | load avg (before g / before SQL / end) | bytes/row (g / SQL) | gradgrid JVM: heap after mixed GC (MB) / full GCs / GCs / peak RSS (MB) | SQL JVM: same |"
echo "|---:|---:|---:|---:|---:|---:|---|---:|---|---|"
while IFS=$'\t' read -r size n g s gb sb gl gc gn grss sl sc sn srss gcpu scpu load; do
  python3 - "$size" "$n" "$g" "$s" "$gb" "$sb" "$gl" "$gc" "$gn" "$grss" "$sl" "$sc" "$sn" "$srss" "$gcpu" "$scpu" "$load" <<'PY'
import sys
size, n, g, s, gb, sb, gl, gc, gn, grss, sl, sc, sn, srss, gcpu, scpu, load = sys.argv[1:]
gcpu = float(gcpu); scpu = float(scpu)
n = int(n); g = float(g); s = float(s)
print(f"| {size} | {n/g:.3g} ({g:.1f} s) | {n/s:.3g} ({s:.1f} s) | {s/g:.2f} | {gcpu:.1f} / {scpu:.1f} | "
      f"{scpu/gcpu:.2f} | {load} | {int(gb)/n:.1f} / {int(sb)/n:.1f} | {gl} / {gc} / {gn} / {grss} | "
      f"{sl} / {sc} / {sn} / {srss} |")
PY
done <"$ROWS_FILE"
