#!/usr/bin/env bash
# Taylor mode against nested forward mode (issue 14; one command, not CI):
#
#   bench/taylor.sh
#
# f..f^(k) of the worked example over x (alpha, beta bound) at k = 1, 2, 3, 4, 8, 12: AD.taylor against
# Fn.concat of AD.derivative per order, both jitted, in one JVM (gradgrid.bench.TaylorBench):
# equations and ns per point over 2^20 points, best of 7 after 3 warm-ups, one thread, and the
# ratio nested / Taylor.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building: mvn -B -q -Pbench -pl bench -am package -DskipTests" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar gradgrid.bench.TaylorBench
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
