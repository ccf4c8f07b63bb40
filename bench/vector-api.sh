#!/usr/bin/env bash
# The Java Vector API for kernel bodies, measured (issue 15, item 2; one command, not CI):
#
#   bench/vector-api.sh
#
# For the worked example's f, f', f'' (alpha, beta bound), sum_i tanh(w_i x + b_i) (16 terms) and
# exp(-x^2) sin(3x): a hand-written scalar loop, the gradgrid kernel (Jit.compile) and a
# hand-written loop over jdk.incubator.vector DoubleVectors (compiled at run time by Janino), in
# one JVM (gradgrid.bench.VectorApiBench): ns per point over 2^20 points, best of 7 after 3
# warm-ups, one thread; the ratios kernel / SIMD and scalar / SIMD; the SIMD results' largest
# distance from the scalar ones in ulps (0 = bit for bit). Twice: with the scalar kernels, then
# with -Dgradgrid.jit.simd=true (gradgrid's own SIMD kernels where they are exact).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building: mvn -B -q -Pbench -pl bench -am package -DskipTests" >&2
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
# the JVM's one-line notice about incubator modules goes to stderr; keep stdout the tables
for simd in false true; do
  echo
  echo "-Dgradgrid.jit.simd=$simd (the kernel column is the $([ $simd = true ] && echo "SIMD kernel where exact" || echo "scalar kernel")):"
  java --add-modules jdk.incubator.vector -Dgradgrid.jit.simd=$simd -Dgradgrid.jit.persistentCache=false \
    -cp bench/target/benchmarks.jar gradgrid.bench.VectorApiBench 2> >(grep -v "^WARNING: Using incubator modules" >&2)
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
