#!/usr/bin/env bash
# The benchmark of gradgrid's SQL functions (issue 13; one command, not CI):
#
#   bench/functions.sh [rows] [repeats]     default: 1e7 3
#
# One JVM, local[2] (gradgrid.job.bench.FunctionsBench, in job's test sources): a cached table of x
# and the coefficient arrays alpha, beta, and sum(f), sum(df_dx), sum(d2f_dx2) over it by
# gradgrid.seed.f(x, alpha, beta) and its derivatives against the closed forms as built-in Spark SQL
# expressions of the same columns; prints both, the cost per row and the ratio (goal: at most 2x).
# Environment: BENCH_JAVA_OPTS (default -Xmx3g).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1e7}"
REPEATS="${2:-3}"

. bench/lib.sh
job_bench 3g spark gradgrid.job.bench.FunctionsBench "$ROWS" "$REPEATS" conf
