#!/usr/bin/env bash
# Loops against unrolled traces (issue 17; one command, not CI):
#
#   bench/loops.sh
#
# RK4 of the logistic equation with 100, 1,000 and 10,000 steps as one Loop equation and unrolled at
# trace time, in one JVM (gradgrid.bench.LoopBench): equations, compile ms, ns per point of the value
# and of the reverse-mode gradient, one thread, the bytes reverse mode stores per point, and on each
# unrolled row how many times faster the loop is ("loop gain"). The loop alone goes on to 100,000
# and 1,000,000 steps, where reverse mode checkpoints every sqrt(n) steps.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building: mvn -B -q -Pbench -pl bench -am package -DskipTests" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xss64m -cp bench/target/benchmarks.jar gradgrid.bench.LoopBench
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
