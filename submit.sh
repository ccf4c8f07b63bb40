#!/usr/bin/env bash
# gradgrid's entry point.
#
#   ./submit.sh [spark-submit options] <sweep.conf>    run a sweep (default master local[*])
#   ./submit.sh cluster start|stop|status              a local standalone Master + Worker
#   ./submit.sh sql [--csv] [--dir D] "SELECT ..."     Spark SQL over finished sweep outputs
#   ./submit.sh plot <sweep.conf>                      the figures (PNG and SVG) of a sweep
#   ./submit.sh extrema <sweep.conf>                   the critical points of f along x
#   (Spark options go before the command's own arguments in each of these)
#
# Builds the jar when it is missing or older than the sources. Without SPARK_HOME it runs Spark's
# own SparkSubmit from the project's Maven classpath (no Spark install needed); with SPARK_HOME it
# uses $SPARK_HOME/bin/spark-submit. Spark options (--master, --conf k=v, --executor-memory, ...)
# pass through unchanged.
#
# Environment (all optional):
#   GRADGRID_CLUSTER_DIR        state of the local cluster (default .cluster/ in the project)
#   GRADGRID_MASTER_PORT        master RPC port (7077);  GRADGRID_MASTER_UI_PORT (8080)
#   GRADGRID_WORKER_UI_PORT     worker UI port (8081);   GRADGRID_WORKER_CORES (2), _MEMORY (2g)
#   GRADGRID_WORKERS            number of Workers (1); the first uses GRADGRID_WORKER_UI_PORT,
#                               the others any free UI port; each has its own work dir
#   GRADGRID_JAVA_OPTS          extra JVM options for every JVM started here (master, worker,
#                               driver), e.g. -XX:TieredStopAtLevel=1 for quicker small runs
#   GRADGRID_NO_CURL=1          read the Master's status with bash's /dev/tcp even if curl exists
#   GRADGRID_LOG_DIR            where each command's Spark log goes (logs/ in the project)
#   GRADGRID_TRACES=1           Spark's stack traces on the console too (always in the log)
#   GRADGRID_SKIP_BUILD=1       never run Maven (tests); GRADGRID_APP_JAR, GRADGRID_APP_JARS,
#   GRADGRID_LAUNCH_CP          override the app jar, its extra jars (comma list) and the
#                               launch classpath (tests run the same path with their own build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$ROOT/job/target"
MAIN_CLASS=gradgrid.job.cli.SweepMain

# The options spark-submit adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions, Spark 4.2.0),
# less --add-modules=jdk.incubator.vector: no class of spark-core or spark-sql uses the Vector API,
# and the module prints a warning on every start.
JAVA17_OPTS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled
  -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED
)

# shellcheck disable=SC2206  # word splitting of the user's extra options is intended
EXTRA_OPTS=(${GRADGRID_JAVA_OPTS:-})

usage_lines() {
  echo "Usage: ./submit.sh [spark-submit options] <sweep.conf>"
  echo "       ./submit.sh cluster start|stop|status"
  echo "       ./submit.sh sql [spark options] [--csv] [--dir D] [--max-rows N] \"SELECT ...\""
  echo "       ./submit.sh plot|extrema [spark options] <sweep.conf>"
  echo "       ./submit.sh --help | <command> --help | --version"
}

# A bad command line: the usage on stderr, exit 2.
usage() {
  usage_lines >&2
  exit 2
}

# --help for the tool or one command: its usage on stdout, exit 0.
show_help() {
  case "${1:-}" in
    sql)
      echo "Usage: ./submit.sh sql [spark options] [--csv] [--dir OUTPUT_DIR | --confs CONF_DIR] [--max-rows N] \"SELECT ...\""
      echo "Registers every finished sweep output of the confs in CONF_DIR (default conf/) as a view named"
      echo "after its conf (seed), each conf as a live view computed for the query (seed_live), and the"
      echo "extrema outputs (seed_extrema); --dir registers each sub-directory of OUTPUT_DIR instead."
      echo "Prints an aligned table of at most N rows (default 1000), or every row as CSV with --csv."
      ;;
    plot) echo "Usage: ./submit.sh plot [spark options] <sweep.conf>"
      echo "Draws the reference's figures of a finished sweep (and its figures.heatmaps sweep) into figures.dir." ;;
    extrema) echo "Usage: ./submit.sh extrema [spark options] <sweep.conf>"
      echo "Finds the critical points of f along x in a finished sweep, prints them, saves <output.dir>-extrema." ;;
    cluster) echo "Usage: ./submit.sh cluster start|stop|status"
      echo "A standalone Master and Worker(s) on 127.0.0.1 from the project's jars; state in .cluster/." ;;
    *)
      usage_lines
      echo
      echo "Runs a sweep conf on Spark (master local[*] unless --master is given; any spark-submit option"
      echo "goes before the conf) and writes Parquet; the commands read finished sweeps. See README.md."
      ;;
  esac
  exit 0
}

# gradgrid's version and the Spark and Java it runs on, from this checkout's pom.xml.
show_version() {
  local v s
  v="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -1)"
  s="$(sed -n 's|.*<spark.version>\(.*\)</spark.version>.*|\1|p' "$ROOT/pom.xml" | head -1)"
  echo "gradgrid $v"
  echo "Spark $s (Scala 2.13)"
  echo "Java $(java -version 2>&1 | head -1)"
  exit 0
}

app_jar() {
  if [ -n "${GRADGRID_APP_JAR:-}" ]; then echo "$GRADGRID_APP_JAR"; return; fi
  ls "$TARGET"/job-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1 || true
}

# Build when the jar or the classpath files are missing, or any source or pom is newer.
build_if_needed() {
  [ "${GRADGRID_SKIP_BUILD:-0}" = 1 ] && return
  local jar stale=0
  jar="$(app_jar)"
  if [ -z "$jar" ] || [ ! -f "$TARGET/classpath-launch.txt" ] || [ ! -f "$TARGET/classpath-app.txt" ]; then
    stale=1
  elif [ -n "$(find "$ROOT/pom.xml" "$ROOT/job/pom.xml" "$ROOT/ad-kernel/pom.xml" \
      "$ROOT/job/src/main" "$ROOT/ad-kernel/src/main" -newer "$jar" -print -quit)" ]; then
    stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "gradgrid: building the jar (mvn -B -q -DskipTests package)..." >&2
    (cd "$ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -DskipTests -pl job -am package) >&2
  fi
}

launch_cp() {
  if [ -n "${GRADGRID_LAUNCH_CP:-}" ]; then echo "$GRADGRID_LAUNCH_CP"; else cat "$TARGET/classpath-launch.txt"; fi
}

app_jars() {
  if [ -n "${GRADGRID_APP_JARS+x}" ]; then echo "$GRADGRID_APP_JARS"; else tr ':' ',' < "$TARGET/classpath-app.txt"; fi
}

# ---- local standalone cluster ----------------------------------------------------------------

CLUSTER_DIR="${GRADGRID_CLUSTER_DIR:-$ROOT/.cluster}"
MASTER_PORT="${GRADGRID_MASTER_PORT:-7077}"
MASTER_UI_PORT="${GRADGRID_MASTER_UI_PORT:-8080}"
WORKER_UI_PORT="${GRADGRID_WORKER_UI_PORT:-8081}"
WORKERS="${GRADGRID_WORKERS:-1}"

# A SPARK_HOME for the Worker: jars/ holds symlinks to the resolved Spark jars.
cluster_spark_home() {
  local home="$CLUSTER_DIR/spark-home"
  rm -rf "$home" && mkdir -p "$home/jars"
  local IFS=':'
  for entry in $(launch_cp); do
    case "$entry" in
      "$ROOT"/*) ;;  # the project's own classes travel with the app, not with the cluster
      *.jar) ln -sf "$entry" "$home/jars/$(basename "$entry")" ;;
    esac
  done
  echo "$home"
}

# A PID file holds three lines: the PID, the process's start time (field 22 of /proc/<pid>/stat,
# clock ticks since boot) and a marker its command line contains (this cluster's --work-dir for a
# Worker, -Dgradgrid.cluster=<this cluster's dir> for the Master). PIDs get reused and a command
# line can be imitated: a process is ours only when all three match. Without a readable /proc
# nothing is ours, so nothing is killed.
start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  # field 2 is "(comm)" and may hold spaces and parentheses: count fields after the last ')'
  local rest="${stat##*) }" fields
  read -r -a fields <<<"$rest"
  [ -n "${fields[19]:-}" ] && echo "${fields[19]}"
}

cmdline_has() {  # cmdline_has <pid> <fixed string>
  [ -r "/proc/$1/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}

daemon_class() {
  case "$(basename "$1" .pid)" in
    master) echo org.apache.spark.deploy.master.Master ;;
    *) echo org.apache.spark.deploy.worker.Worker ;;
  esac
}

pid_of() { sed -n 1p "$1"; }

# record <pid file> <pid> <marker>: waits (at most 5 s) for the forked shell to exec java, so the
# command line is the daemon's, then writes the three lines.
record() {
  local class
  class="$(daemon_class "$1")"
  for _ in $(seq 1 50); do
    cmdline_has "$2" "$class" || ! kill -0 "$2" 2>/dev/null && break
    sleep 0.1
  done
  printf '%s\n%s\n%s\n' "$2" "$(start_time "$2" || true)" "$3" >"$1"
}

alive() {
  [ -f "$1" ] || return 1
  local pid started marker now
  { read -r pid; read -r started; read -r marker; } <"$1" || true
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  [ -n "${started:-}" ] && [ -n "${marker:-}" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  now="$(start_time "$pid")" || return 1
  [ "$now" = "$started" ] || return 1
  cmdline_has "$pid" "$(daemon_class "$1")" && cmdline_has "$pid" "$marker"
}

# The Master's status page; curl when installed, else plain bash /dev/tcp (fresh CI machines).
master_json() {
  if [ "${GRADGRID_NO_CURL:-0}" != 1 ] && command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 "http://127.0.0.1:$MASTER_UI_PORT/json/" 2>/dev/null || true
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$MASTER_UI_PORT" &&
      printf 'GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
      timeout 2 cat <&3) 2>/dev/null || true
  fi
}

wait_for() {  # wait_for <seconds> <description> <command...>
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "gradgrid: timed out after ${seconds}s waiting for $what (logs in $CLUSTER_DIR)" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Fail fast when the process died (a port in use, a bad option): show its log instead of waiting.
running_or_die() {
  local name="$1"
  if ! alive "$CLUSTER_DIR/$name.pid"; then
    echo "gradgrid: the $name exited during start-up; last lines of $CLUSTER_DIR/$name.log:" >&2
    tail -n 20 "$CLUSTER_DIR/$name.log" >&2 || true
    return 2
  fi
}

master_alive() {
  running_or_die master || exit 1
  master_json | grep -q '"status" *: *"ALIVE"'
}
# Worker i (from 1) records worker.pid, worker-2.pid, ...; logs and work dirs alike.
worker_name() { if [ "$1" = 1 ]; then echo worker; else echo "worker-$1"; fi; }

workers_alive() {
  local i alive
  for i in $(seq 1 "$WORKERS"); do
    running_or_die "$(worker_name "$i")" || { cluster_stop; exit 1; }
  done
  alive="$(master_json | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)"
  [ "${alive:-0}" -ge "$WORKERS" ]
}

cluster_start() {
  case "$WORKERS" in ''|*[!0-9]*|0) echo "gradgrid: GRADGRID_WORKERS must be a positive number, got '$WORKERS'" >&2; exit 2 ;; esac
  local f
  for f in "$CLUSTER_DIR"/master.pid "$CLUSTER_DIR"/worker*.pid; do
    if alive "$f"; then
      echo "gradgrid: a local cluster is already running (./submit.sh cluster status)" >&2
      exit 1
    fi
  done
  build_if_needed
  mkdir -p "$CLUSTER_DIR/work"
  local home
  home="$(cluster_spark_home)"
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  export SPARK_WORKER_DIR="$CLUSTER_DIR/work"
  local cp log4j="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
  cp="$(launch_cp)"
  java "${JAVA17_OPTS[@]}" "${EXTRA_OPTS[@]+"${EXTRA_OPTS[@]}"}" "$log4j" -Dgradgrid.log.file="$CLUSTER_DIR/master.spark.log" -Dspark.master.rest.enabled=false -Dspark.port.maxRetries=0 \
    "-Dgradgrid.cluster=$CLUSTER_DIR" -cp "$cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT" \
    >"$CLUSTER_DIR/master.log" 2>&1 </dev/null &
  record "$CLUSTER_DIR/master.pid" $! "-Dgradgrid.cluster=$CLUSTER_DIR -cp "
  wait_for 60 "the master on port $MASTER_UI_PORT" master_alive || { cluster_stop; exit 1; }
  if ! master_json | grep -q "spark://127.0.0.1:$MASTER_PORT"; then
    echo "gradgrid: the master on UI port $MASTER_UI_PORT is not spark://127.0.0.1:$MASTER_PORT" \
      "(port in use, or another cluster's UI); see $CLUSTER_DIR/master.log" >&2
    cluster_stop
    exit 1
  fi
  local i name ui
  for i in $(seq 1 "$WORKERS"); do
    name="$(worker_name "$i")"
    ui="$WORKER_UI_PORT"; [ "$i" = 1 ] || ui=0
    mkdir -p "$CLUSTER_DIR/work/$name"
    java "${JAVA17_OPTS[@]}" "${EXTRA_OPTS[@]+"${EXTRA_OPTS[@]}"}" "$log4j" \
      -Dgradgrid.log.file="$CLUSTER_DIR/$name.spark.log" -Dspark.port.maxRetries=0 \
      -cp "$cp" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --webui-port "$ui" --cores "${GRADGRID_WORKER_CORES:-2}" \
      --memory "${GRADGRID_WORKER_MEMORY:-2g}" --work-dir "$CLUSTER_DIR/work/$name" \
      "spark://127.0.0.1:$MASTER_PORT" >"$CLUSTER_DIR/$name.log" 2>&1 </dev/null &
    record "$CLUSTER_DIR/$name.pid" $! "--work-dir $CLUSTER_DIR/work/$name "
  done
  wait_for 60 "$WORKERS worker(s) to register" workers_alive || { cluster_stop; exit 1; }
  echo "gradgrid: local cluster up: master spark://127.0.0.1:$MASTER_PORT (UI http://127.0.0.1:$MASTER_UI_PORT)"
  echo "gradgrid: submit with ./submit.sh --master spark://127.0.0.1:$MASTER_PORT conf/seed.conf"
}

# Stops exactly the processes this script started (by recorded PID), workers first.
cluster_stop() {
  local pidfile pid name
  for pidfile in "$CLUSTER_DIR"/worker*.pid "$CLUSTER_DIR"/master.pid; do
    [ -f "$pidfile" ] || continue
    name="$(basename "$pidfile" .pid)"
    pid="$(pid_of "$pidfile")"
    if alive "$pidfile"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
      echo "gradgrid: stopped $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

cluster_status() {
  local f name
  for f in "$CLUSTER_DIR/master.pid" "$CLUSTER_DIR"/worker*.pid; do
    name="$(basename "$f" .pid)"
    [ "$name" = "worker*" ] && name=worker
    if alive "$f"; then
      echo "$name: running (pid $(pid_of "$f"))"
    else
      echo "$name: not running"
    fi
  done
  alive "$CLUSTER_DIR/master.pid" && echo "master: spark://127.0.0.1:$MASTER_PORT"
  return 0
}

# ---- sweeps ----------------------------------------------------------------------------------

run_sweep() {
  [ $# -ge 1 ] || usage
  local conf="${!#}"
  local opts=("${@:1:$#-1}")
  case "$conf" in -*) usage ;; esac
  [ -f "$conf" ] || { echo "error: conf file not found: $conf" >&2; usage; }
  launch "$conf"
}

# Refuses a master URL Spark cannot use before any JVM starts (exit 2, like every bad input).
check_master() {
  case "$1" in
    local|local\[[0-9*]*\]|local\[[0-9*]*,[0-9]*\]|local-cluster\[*\]|spark://?*|yarn|k8s://?*) ;;
    *)
      echo "error: --master '$1' is not a master URL Spark knows: use local, local[N], local[*]," \
        "spark://host:port (standalone), yarn or k8s://https://host:port; nothing was run" >&2
      exit 2
      ;;
  esac
}

# Runs MAIN_CLASS through spark-submit with the Spark options in the caller's `opts` array and the
# application arguments "$@".
launch() {
  build_if_needed
  local jar has_master=0 o
  jar="$(app_jar)"
  local prev=""
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$o" in --master|--master=*) has_master=1 ;; esac
    case "$o" in --master=*) check_master "${o#--master=}" ;; esac
    [ "$prev" = --master ] && check_master "$o"
    prev="$o"
  done
  [ "$prev" = --master ] && check_master ""
  local base=(--properties-file "$ROOT/conf/spark-defaults.conf" --class "$MAIN_CLASS")
  [ "$has_master" = 1 ] || base+=(--master 'local[*]')
  # Spark's stage progress bar is for a terminal: no escape codes in a redirected log.
  [ -t 2 ] || base+=(--conf spark.ui.showConsoleProgress=false)
  local jars
  jars="$(app_jars)"
  [ -n "$jars" ] && base+=(--jars "$jars")
  # Spark's full log (INFO, every stack trace) goes to a file per run; the console keeps one line
  # per warning or error (GRADGRID_TRACES=1 puts the traces there too).
  local logdir="${GRADGRID_LOG_DIR:-$ROOT/logs}" name="${MAIN_CLASS##*.}"
  mkdir -p "$logdir"
  name="$(echo "${name%Main}" | tr '[:upper:]' '[:lower:]')"
  local log4j="-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"
  log4j+=" -Dgradgrid.log.file=$logdir/$name-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"
  [ "${GRADGRID_TRACES:-0}" = 1 ] && log4j+=" -Dgradgrid.console.traces=full"
  if [ -n "${SPARK_HOME:-}" ]; then
    exec "$SPARK_HOME/bin/spark-submit" "${base[@]}" --driver-java-options "$log4j" \
      "${opts[@]+"${opts[@]}"}" "$jar" "$@"
  fi
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # shellcheck disable=SC2086  # $log4j is a list of -D options
  exec java "${JAVA17_OPTS[@]}" "${EXTRA_OPTS[@]+"${EXTRA_OPTS[@]}"}" $log4j -cp "$jar:$(launch_cp)" org.apache.spark.deploy.SparkSubmit \
    "${base[@]}" "${opts[@]+"${opts[@]}"}" "$jar" "$@"
}

# ---- results: sql, plot, extrema -------------------------------------------------------------

# run_results <main class> <the command's own flags, space separated; "=" marks one taking a value>
#   -- <arguments>: Spark options go to spark-submit, the command's flags and plain words to it.
run_results() {
  MAIN_CLASS="$1"
  local flags=" $2 " opts=() app=()
  shift 3
  # A flag that needs a value but ends the line is passed on alone: the command (or spark-submit)
  # then says which value is missing.
  while [ $# -gt 0 ]; do
    case "$1" in
      --verbose|--supervise) opts+=("$1") ;;
      --*=*)
        if [[ "$flags" == *" ${1%%=*}= "* || "$flags" == *" ${1%%=*} "* ]]; then app+=("$1")
        else opts+=("$1")
        fi
        ;;
      --*)
        if [[ "$flags" == *" $1= "* ]]; then app+=("$1" "${@:2:1}"); [ $# -lt 2 ] || shift
        elif [[ "$flags" == *" $1 "* ]]; then app+=("$1")
        else opts+=("$1" "${@:2:1}"); [ $# -lt 2 ] || shift
        fi
        ;;
      *) app+=("$1") ;;
    esac
    shift
  done
  [ ${#app[@]} -gt 0 ] || usage
  launch "${app[@]}"
}

case "${1:-}" in
  "") usage ;;
  cluster)
    case "${2:-}" in
      start) cluster_start ;;
      stop) cluster_stop ;;
      status) cluster_status ;;
      -h|--help) show_help cluster ;;
      *) usage ;;
    esac
    ;;
  -h|--help|help) show_help ;;
  --version|version) show_version ;;
  sql|plot|extrema)
    case "${2:-}" in -h|--help) show_help "$1" ;; esac
    ;;&
  sql) shift; run_results gradgrid.job.cli.SqlMain "--csv --dir= --confs= --max-rows=" -- "$@" ;;
  plot) shift; run_results gradgrid.job.cli.PlotMain "" -- "$@" ;;
  extrema) shift; run_results gradgrid.job.cli.ExtremaMain "" -- "$@" ;;
  *) run_sweep "$@" ;;
esac
