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

. bench/lib.sh
job_bench 2g plain gradgrid.job.bench.SamplingBench "$POINTS" "$REPEATS" conf/seed-sobol.conf
