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

. bench/lib.sh
job_bench 2g spark gradgrid.job.bench.CriticalPointsBench "$N" "$REPEATS"
