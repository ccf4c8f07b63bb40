#!/usr/bin/env bash
# The benchmark of sampled sweeps (issue 13; one command, not CI):
#
#   bench/sampling.sh [points] [repeats]     default: 1e6 5
#
# One JVM, one thread, no Spark (gradgrid.job.bench.SamplingBench, in job's test sources): the
# 12-dimensional Sobol space of conf/seed-sobol.conf, its cost per point (consecutive indices as a
# task reads its range, random access by Hipparchus's skip-ahead, and uniform samples) against the
# compiled kernel of the same sweep (f, grad(alpha), grad(beta)) per point, and the ratios.
# Environment: BENCH_JAVA_OPTS (default -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/.."
POINTS="${1:-1e6}"
REPEATS="${2:-5}"

echo "building: mvn -B -q -DskipTests -pl job -am package" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
# shellcheck disable=SC2206
EXTRA=(${BENCH_JAVA_OPTS--Xmx2g})
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java "${JAVA17_OPTS[@]}" "${EXTRA[@]}" "-Dlog4j2.configurationFile=$PWD/conf/log4j2.properties" \
  -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
  gradgrid.job.bench.SamplingBench "$POINTS" "$REPEATS" conf/seed-sobol.conf
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
