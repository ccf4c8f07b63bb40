#!/usr/bin/env bash
# The benchmark of the critical-point map (issue 16; one command, not CI):
#
#   bench/critical-points.sh [n] [repeats]     default: 60 3
#
# One JVM (gradgrid.job.bench.CriticalPointsBench, in job's test sources); each figure is the
# median wall time of <repeats> runs after two warm-up runs, each ratio compares two measurements
# of that same JVM:
#   1. one thread, no Spark: InnerScan.scan over min(n, 40)^2 rows of the seed's (alpha[1], beta[1])
#      plane x 20,001 inner points, against the raw compiled f' kernel over as many points in
#      4,096-point batches. Goal: at least 0.8x (the scan costs little over the kernel).
#   2. local[2], through the gradgrid source: the map of conf/seed-critical-points.conf on an n x n
#      plane against the plain x-sweep of f' (conf/seed.conf) over n x n x 20,001 points.
# Environment: BENCH_JAVA_OPTS (default -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-60}"
REPEATS="${2:-3}"

echo "building: mvn -B -q -DskipTests -pl job -am package" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
# shellcheck disable=SC2206
EXTRA=(${BENCH_JAVA_OPTS--Xmx2g})
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java "${JAVA17_OPTS[@]}" "${EXTRA[@]}" "-Dlog4j2.configurationFile=$PWD/conf/log4j2.properties" \
  -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
  gradgrid.job.bench.CriticalPointsBench "$N" "$REPEATS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
