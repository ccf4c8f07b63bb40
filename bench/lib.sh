# shellcheck shell=bash
# The launch the job's benchmark scripts share (sourced by bench/evaluate.sh, functions.sh,
# sampling.sh and critical-points.sh, not run): build the job, print the machine and its load,
# run one benchmark class with the job's test classpath and the JVM options of submit.sh.
#
#   job_bench <default heap> <spark|plain> <main class> [arguments...]
#
# "spark" adds a loopback local[2] master with the UI off (SPARK_LOCAL_IP defaults to 127.0.0.1, as
# in submit.sh, so Spark does not warn about the host name); the jit's java.util.logging records
# (compile times) print one line each; BENCH_JAVA_OPTS replaces the heap.
job_bench() {
  local heap="$1" mode="$2" main="$3"
  shift 3
  echo "building: mvn -B -q -DskipTests -pl job -am package" >&2
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package >&2
  eval "$(sed -n '/^JAVA17_OPTS=(/,/^)/p' submit.sh)"
  local extra spark=()
  # shellcheck disable=SC2206
  extra=(${BENCH_JAVA_OPTS--Xmx$heap})
  if [ "$mode" = spark ]; then
    spark=(-Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false
      -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1)
  fi
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
  SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" java "${JAVA17_OPTS[@]}" "${extra[@]}" \
    "-Dlog4j2.configurationFile=$PWD/conf/log4j2.properties" \
    '-Djava.util.logging.SimpleFormatter.format=%4$s %3$s: %5$s%6$s%n' \
    "${spark[@]}" \
    -cp "job/target/test-classes:job/target/classes:$(cat job/target/classpath-launch.txt)" \
    "$main" "$@"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
