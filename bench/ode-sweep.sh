#!/usr/bin/env bash
# Lotka-Volterra sensitivities over a 1e6-point parameter grid end to end (issue 17; one command,
# not CI):
#
#   bench/ode-sweep.sh [n]      default: 1000 (an n x n plane of (a, b))
#
# One JVM (gradgrid.job.bench.OdeSweepBench, in job's test sources): conf/lotka-volterra.conf (1,000
# RK4 steps of a fori loop in the function language; f and its gradients w.r.t. a, b, c, d, s0 by
# reverse mode through the loop) swept to Parquet in local[2] by the path ./submit.sh takes, and
# the same evaluator on one thread without Spark in the same run; prints rows/s of both, the
# sweep's rate over twice the one-thread rate, and the Parquet bytes per row.
# Environment: BENCH_JAVA_OPTS (default -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"

. bench/lib.sh
job_bench 2g spark gradgrid.job.bench.OdeSweepBench "$N"
