#!/usr/bin/env bash
# The benchmark of gradgrid's DataFrame API Gradgrid.evaluate (issue 13; one command, not CI):
#
#   bench/evaluate.sh [rows] [repeats]      default: 1e7 3
#
# One JVM, local[2] (gradgrid.job.bench.EvaluateBench, in job's test sources): f, f', f'' of the
# worked example at the same x points as a grid sweep (the gradgrid data source) and as columns added
# by Gradgrid.evaluate to a cached DataFrame (coefficients fixed, and coefficients as array columns),
# every row materialised by Spark's noop writer; prints the rows/s and ratios (goal: 0.8x or better).
# Environment: BENCH_JAVA_OPTS (default -Xmx3g).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1e7}"
REPEATS="${2:-3}"

. bench/lib.sh
job_bench 3g spark gradgrid.job.bench.EvaluateBench "$ROWS" "$REPEATS"
