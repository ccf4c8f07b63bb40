#!/usr/bin/env bash
# The benchmark of the gradgrid data source (issue 11; one command, not CI):
#
#   bench/source.sh [aggregate points] [write points] [repeats]     default: 1e8 2e7 3
#
# One JVM, local[2], one session for everything (gradgrid.job.bench.SourceBench, in job's test
# sources): each measurement is the median wall time of <repeats> runs after two warm-up runs, and
# each ratio compares two measurements of that same session.
#   1. sum(f), sum(df_dx), sum(d2f_dx2) over the x-sweep of conf/large.conf read through the source
#      (nothing written) against the same aggregate of the closed forms as Spark SQL expressions
#      over spark.range (gradgrid.job.bench.ClosedFormSqlSweep). Goal: at least 3x. Three ways:
#      the sums pushed into the tasks (what Spark does with plain column sums), and sum(f + 0), ...,
#      which Spark cannot push, read as columnar batches and as rows.
#   2. The sweep to snappy Parquet through the source (the CLI's SweepMain.sweep) against the path
#      before the source (an RDD of the same task rows made a DataFrame) and against the Spark SQL
#      closed-form job writing the same columns. Goal: at least 1.0x.
#   (write points 0 skips 2.)
#   3. sum(f) with a pushed-down x BETWEEN filter keeping 1e-6 of a 1e12-point axis. Goal: seconds.
# Environment: BENCH_OUT (scratch, default out/bench-source), BENCH_JAVA_OPTS (default -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${BENCH_OUT:-out/bench-source}"
AGG_POINTS="${1:-1e8}"
WRITE_POINTS="${2:-2e7}"
REPEATS="${3:-3}"

echo "building: mvn -B -q -DskipTests -pl job -am package" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
mkdir -p "$OUT"
eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
# shellcheck disable=SC2206
EXTRA=(${BENCH_JAVA_OPTS--Xmx2g})
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java "${JAVA17_OPTS[@]}" "${EXTRA[@]}" "-Dlog4j2.configurationFile=$PWD/conf/log4j2.properties" \
  -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
  gradgrid.job.bench.SourceBench "$AGG_POINTS" "$WRITE_POINTS" "$REPEATS" "$OUT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
