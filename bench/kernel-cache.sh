#!/usr/bin/env bash
# The persistent kernel cache's benchmark (issue 15; one command, not CI):
#
#   bench/kernel-cache.sh [runs]     default: 9 fresh JVMs per side
#
# The first kernel of a fresh JVM (the worked example's 78-output coefficient Hessian): compiled
# cold (Jit.compileUncached: Janino loaded and run) against loaded from a persistent kernel cache
# that one earlier JVM filled (Jit.compile with -Dgradgrid.jit.cacheDir=<a new temporary
# directory>); prints the medians of wall and CPU time and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests >&2
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/benchmarks.jar gradgrid.bench.KernelCacheBench "${1:-9}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
