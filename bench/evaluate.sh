#!/usr/bin/env bash
# The benchmark of gradgrid's DataFrame API Gradgrid.evaluate (issue 13; one command, not CI):
#
#   bench/evaluate.sh [rows] [repeats]      default: 1e7 3
#
# One JVM, local[2] (gradgrid.job.bench.EvaluateBench, in job's test sources): f, f', f'' of the
# worked example at the same x points as a grid sweep (the gradgrid data source) and as columns added
# by Gradgrid.evaluate to a cached DataFrame (coefficients fixed, and coefficients as array columns),
# every row materialised by Spark's noop writer; prints the rows/s and ratios (goal: 0.8x or better).
# Environment: BENCH_JAVA_OPTS (default -Xmx3g).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1e7}"
REPEATS="${2:-3}"

echo "building: mvn -B -q -DskipTests -pl job -am package" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
# shellcheck disable=SC2206
EXTRA=(${BENCH_JAVA_OPTS--Xmx3g})
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java "${JAVA17_OPTS[@]}" "${EXTRA[@]}" "-Dlog4j2.configurationFile=$PWD/conf/log4j2.properties" \
  -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
  gradgrid.job.bench.EvaluateBench "$ROWS" "$REPEATS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
