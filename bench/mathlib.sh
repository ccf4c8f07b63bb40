#!/usr/bin/env bash
# The math library's rule table in compiled kernels (issue 14; one command, not CI):
#
#   bench/mathlib.sh
#
# For each unary table function: ns per point of a hand-written loop calling the table's method,
# of the jitted kernel of f(x) and of f'(x), over 2^20 points, best of 7 after 3 warm-ups, one
# thread (gradgrid.bench.MathLibBench), and the ratio kernel / loop.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building: mvn -B -q -Pbench -pl bench -am package -DskipTests" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar gradgrid.bench.MathLibBench
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
