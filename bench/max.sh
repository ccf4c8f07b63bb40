#!/usr/bin/env bash
# A kernel of max against Math.max by hand (issue 15; one command, not CI):
#
#   bench/max.sh
#
# sum_i max(w_i x + b_i, 0), 16 terms, compiled, and the same loop by hand, in one JVM
# (gradgrid.bench.MaxBench): ns per row, one thread, and the ratio; the two agree bit for bit.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building: mvn -B -q -Pbench -pl bench -am package -DskipTests" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar gradgrid.bench.MaxBench
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
