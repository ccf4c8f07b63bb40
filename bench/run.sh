#!/usr/bin/env bash
# Builds and runs the JMH benchmarks, then prints ratios against the hand-written loops.
# Usage: bench/run.sh [quick]   (quick: shorter warm-up and measurement, for a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Pbench -pl bench -am package -DskipTests
exec java -jar bench/target/benchmarks.jar "$@"
