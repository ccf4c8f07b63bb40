#!/usr/bin/env bash
# gradgrid's entry point.
#
#   ./submit.sh [spark-submit options] <sweep.conf>    run a sweep (default master local[*])
#   ./submit.sh cluster start|stop|status              a local standalone Master + Worker
#   ./submit.sh sql [--csv] [--dir D] "SELECT ..."     Spark SQL over finished sweep outputs
#   ./submit.sh plot <sweep.conf>                      the figures (PNG and SVG) of a sweep
#   ./submit.sh extrema <sweep.conf>                   the critical points of f along x
#   ./submit.sh summary <sweep.conf>                   the summary of a finished sweep (JSON)
#   (Spark options go before the command's own arguments in each of these)
#
# Builds the jar when it is missing or older than the sources. Without SPARK_HOME it runs Spark's
# own launcher (org.apache.spark.launcher.Main, as bin/spark-submit does) over the project's Maven
# jars (no Spark install needed); with SPARK_HOME it uses $SPARK_HOME/bin/spark-submit. Spark options (--master, --conf k=v, --executor-memory, ...)
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
  echo "       ./submit.sh connect start [spark options] [--dir D | --confs C] | stop | status"
  echo "       ./submit.sh history start|stop|status"
  echo "       ./submit.sh sql [spark options] [--csv] [--dir D] [--max-rows N] \"SELECT ...\""
  echo "       ./submit.sh sql [spark options] [--csv] [--dir D] [--max-rows N]   (the SQL shell)"
  echo "       ./submit.sh plot|extrema|summary [spark options] <sweep.conf>"
  echo "       ./submit.sh example [spark options] <Name> [arguments]"
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
      echo "Without a query: the SQL shell (statements end with ';', \\help lists its commands; see README.md)."
      ;;
    plot) echo "Usage: ./submit.sh plot [spark options] <sweep.conf>"
      echo "Draws the reference's figures of a finished sweep (and its figures.heatmaps sweep) into figures.dir." ;;
    extrema) echo "Usage: ./submit.sh extrema [spark options] <sweep.conf>"
      echo "Finds the critical points of f along x in a finished sweep, prints them, saves <output.dir>-extrema." ;;
    summary) echo "Usage: ./submit.sh summary [spark options] <sweep.conf>"
      echo "Prints the summary of a finished sweep as JSON (conf, rows, partitions, wall time, per-column"
      echo "min/max and non-finite counts), kept in the footer of its _gradgrid/summary.parquet." ;;
    example) echo "Usage: ./submit.sh example [spark options] <Name> [arguments]"
      echo "Runs the example program gradgrid.job.examples.<Name> (job/src/main/java/gradgrid/job/examples/)"
      echo "through spark-submit with gradgrid's jar, as Spark's run-example does: options before the name"
      echo "go to spark-submit, every word after it to the example. Examples: $(examples)." ;;
    connect) echo "Usage: ./submit.sh connect start [spark options] [--dir OUTPUT_DIR | --confs CONF_DIR] | stop | status"
      echo "A Spark Connect server on sc://127.0.0.1:\$GRADGRID_CONNECT_PORT (15002) with gradgrid's jar; the views"
      echo "of sql are global temporary views (global_temp.seed) that every Connect session reads." ;;
    history) echo "Usage: ./submit.sh history start|stop|status"
      echo "Spark's history server on http://127.0.0.1:\$GRADGRID_HISTORY_PORT (18080) over the event logs in"
      echo "\$GRADGRID_EVENT_DIR (logs/events); runs write there with --conf spark.eventLog.enabled=true." ;;
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
    connect) echo gradgrid.job.cli.ConnectServer ;;
    history) echo org.apache.spark.deploy.history.HistoryServer ;;
    *) echo org.apache.spark.deploy.worker.Worker ;;
  esac
}

pid_of() { sed -n 1p "$1"; }

# record <pid file> <pid> <marker>: waits (at most 60 s) for the forked shell to exec java, so the
# command line is the daemon's, then writes the three lines.
record() {
  local class
  class="$(daemon_class "$1")"
  for _ in $(seq 1 600); do
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

# ---- Spark Connect server and history server --------------------------------------------------

CONNECT_DIR="${GRADGRID_CONNECT_DIR:-$ROOT/.connect}"
CONNECT_PORT="${GRADGRID_CONNECT_PORT:-15002}"
HISTORY_DIR="${GRADGRID_HISTORY_DIR:-$ROOT/.history}"
HISTORY_PORT="${GRADGRID_HISTORY_PORT:-18080}"
EVENT_DIR="${GRADGRID_EVENT_DIR:-${GRADGRID_LOG_DIR:-$ROOT/logs}/events}"

port_open() {  # port_open <port>: something accepts TCP connections on 127.0.0.1:<port>
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# daemon_wait <pid file> <log> <what> <seconds> <ready command...>: until ready, or the daemon died.
daemon_wait() {
  local pidfile="$1" log="$2" what="$3" deadline=$((SECONDS + $4))
  shift 4
  until "$@"; do
    # dead only when the process is gone: under load the launcher may still be starting it
    if ! alive "$pidfile" && ! kill -0 "$(pid_of "$pidfile")" 2>/dev/null; then
      # the daemon is this shell's child: its exit code tells bad input (2) from a failure
      local rc=0
      wait "$(pid_of "$pidfile")" 2>/dev/null || rc=$?
      rm -f "$pidfile"
      if [ "$rc" = 2 ] && grep -q '^error: ' "$log"; then
        grep -E '^(error|Usage): ' "$log" >&2
        return 2
      fi
      echo "gradgrid: the $what exited during start-up; last lines of $log:" >&2
      tail -n 20 "$log" >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "gradgrid: timed out waiting for the $what (log $log); stopping it" >&2
      local child
      child="$(pid_of "$pidfile")"
      daemon_stop "$pidfile" >&2
      # still this shell's own child when it never became the daemon: stop it too
      kill "$child" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

# daemon_stop <pid file>: stops the recorded process (only if it is still ours), then forgets it.
daemon_stop() {
  local pidfile="$1" pid name
  name="$(basename "$pidfile" .pid)"
  [ -f "$pidfile" ] || { echo "gradgrid: $name is not running"; return 0; }
  pid="$(pid_of "$pidfile")"
  if alive "$pidfile"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "gradgrid: stopped $name (pid $pid)"
  else
    echo "gradgrid: $name is not running (stale $pidfile removed)"
  fi
  rm -f "$pidfile"
}

daemon_already() {  # daemon_already <pid file> <command>: refuse a second start (exit 1)
  if alive "$1"; then
    echo "gradgrid: the $2 is already running (pid $(pid_of "$1")); ./submit.sh $2 stop first" >&2
    exit 1
  fi
}

port_free_or_die() {  # port_free_or_die <port> <env var>
  if port_open "$1"; then
    echo "gradgrid: port $1 on 127.0.0.1 is in use; set $2 to another port" >&2
    exit 1
  fi
}

# connect start [spark options] [--dir D | --confs C]: SparkConnectServer through spark-submit (the
# same launch as every command), in the background, with gradgrid's views as global temp views.
connect_start() {
  local c_opts=(--name "gradgrid connect"
    --conf spark.connect.grpc.binding.address=127.0.0.1
    --conf "spark.connect.grpc.binding.port=$CONNECT_PORT")
  local c_app=(--state-dir "$CONNECT_DIR")
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir|--confs) c_app+=("$1" "${2:-}"); [ $# -lt 2 ] || shift ;;
      --dir=*|--confs=*) c_app+=("$1") ;;
      --csv|--max-rows|--max-rows=*)
        echo "error: connect start: ${1%%=*} is an option of sql; a Connect client reads the rows it" \
          "asks for (df.limit(n), show(n)); nothing was started" >&2
        exit 2
        ;;
      --verbose|--supervise|--load-spark-defaults|-v) c_opts+=("$1") ;;
      --*=*) c_opts+=("$1") ;;
      --*) c_opts+=("$1" "${2:-}"); [ $# -lt 2 ] || shift ;;
      *) echo "error: connect start: unexpected argument '$1'" >&2; usage ;;
    esac
    shift
  done
  daemon_already "$CONNECT_DIR/connect.pid" connect
  port_free_or_die "$CONNECT_PORT" GRADGRID_CONNECT_PORT
  build_if_needed
  mkdir -p "$CONNECT_DIR"
  local log="$CONNECT_DIR/connect.log"
  rm -f "$CONNECT_DIR/views.txt"
  (
    MAIN_CLASS=gradgrid.job.cli.ConnectServer
    GRADGRID_SKIP_BUILD=1
    opts=("${c_opts[@]}")
    launch "${c_app[@]}"
  ) >"$log" 2>&1 </dev/null &
  record "$CONNECT_DIR/connect.pid" $! "--state-dir $CONNECT_DIR"
  echo "sc://127.0.0.1:$CONNECT_PORT" >"$CONNECT_DIR/url"
  daemon_wait "$CONNECT_DIR/connect.pid" "$log" "Connect server" 180 port_open "$CONNECT_PORT" || exit $?
  echo "gradgrid: Spark Connect server up at sc://127.0.0.1:$CONNECT_PORT (pid $(pid_of "$CONNECT_DIR/connect.pid"), log $log)"
  echo "gradgrid: views: $(paste -sd ' ' "$CONNECT_DIR/views.txt" 2>/dev/null || echo none)"
}

connect_status() {
  if alive "$CONNECT_DIR/connect.pid"; then
    echo "connect: running (pid $(pid_of "$CONNECT_DIR/connect.pid")) at $(cat "$CONNECT_DIR/url" 2>/dev/null)"
    echo "views: $(paste -sd ' ' "$CONNECT_DIR/views.txt" 2>/dev/null || echo none)"
  else
    echo "connect: not running"
  fi
}

history_ready() {
  if [ "${GRADGRID_NO_CURL:-0}" != 1 ] && command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$HISTORY_PORT/api/v1/applications" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$HISTORY_PORT" &&
      printf 'GET /api/v1/applications HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
      timeout 2 head -1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}

# history start: Spark's HistoryServer from the project's jars over the event log directory.
history_start() {
  daemon_already "$HISTORY_DIR/history.pid" history
  port_free_or_die "$HISTORY_PORT" GRADGRID_HISTORY_PORT
  build_if_needed
  mkdir -p "$HISTORY_DIR" "$EVENT_DIR"
  local log="$HISTORY_DIR/history.log" events
  events="$(cd "$EVENT_DIR" && pwd)"
  SPARK_LOCAL_IP=127.0.0.1 java "${JAVA17_OPTS[@]}" "${EXTRA_OPTS[@]+"${EXTRA_OPTS[@]}"}" \
    "-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties" \
    "-Dgradgrid.log.file=$HISTORY_DIR/history.spark.log" "-Dgradgrid.history=$HISTORY_DIR" \
    "-Dspark.history.fs.logDirectory=file:$events" "-Dspark.history.ui.port=$HISTORY_PORT" \
    -Dspark.history.fs.update.interval=2s -Dspark.port.maxRetries=0 \
    -cp "$(launch_cp)" org.apache.spark.deploy.history.HistoryServer >"$log" 2>&1 </dev/null &
  record "$HISTORY_DIR/history.pid" $! "-Dgradgrid.history=$HISTORY_DIR "
  echo "$events" >"$HISTORY_DIR/log-directory"
  echo "http://127.0.0.1:$HISTORY_PORT" >"$HISTORY_DIR/url"
  daemon_wait "$HISTORY_DIR/history.pid" "$log" "history server" 120 history_ready || exit $?
  echo "gradgrid: history server up at http://127.0.0.1:$HISTORY_PORT (pid $(pid_of "$HISTORY_DIR/history.pid")), reading $events"
}

history_status() {
  if alive "$HISTORY_DIR/history.pid"; then
    echo "history: running (pid $(pid_of "$HISTORY_DIR/history.pid")) at $(cat "$HISTORY_DIR/url" 2>/dev/null), reading $(cat "$HISTORY_DIR/log-directory" 2>/dev/null)"
  else
    echo "history: not running"
  fi
}

# ---- sweeps ----------------------------------------------------------------------------------

run_sweep() {
  [ $# -ge 1 ] || usage
  local conf="${!#}"
  local opts=("${@:1:$#-1}")
  case "$conf" in -*) usage ;; esac
  # A URI (file:, hdfs:, s3a:, ...) or a conf shipped with --files is for the driver to find.
  if [[ ! "$conf" =~ ^[A-Za-z][A-Za-z0-9+.-]+: ]] && ! shipped_with_files "$(basename "$conf")"; then
    [ -f "$conf" ] || { echo "error: conf file not found: $conf" >&2; usage; }
    # In cluster deploy mode the driver's working directory is on the Worker: pass the path whole.
    if cluster_deploy_mode; then conf="$(cd "$(dirname "$conf")" && pwd)/$(basename "$conf")"; fi
  fi
  launch "$conf"
}

# Whether the caller's `opts` ship a file of this name with --files (or spark.files).
shipped_with_files() {
  local o prev="" list=""
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$prev" in --files) list+=",$o" ;; --conf) case "$o" in spark.files=*) list+=",${o#spark.files=}" ;; esac ;; esac
    prev="$o"
  done
  local IFS=','
  for o in $list; do [ -n "$o" ] && [ "${o##*/}" = "$1" ] && return 0; done
  return 1
}

# Whether the caller's `opts` ask for --deploy-mode cluster (or spark.submit.deployMode=cluster).
cluster_deploy_mode() {
  local o prev=""
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$prev:$o" in --deploy-mode:cluster|--conf:spark.submit.deployMode=cluster) return 0 ;; esac
    prev="$o"
  done
  return 1
}

# Whether the caller's `opts` name a local master (local, local[N], local-cluster[...]).
local_master() {
  local o prev=""
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$prev:$o" in --master:local*|--conf:spark.master=local*) return 0 ;; esac
    prev="$o"
  done
  return 1
}

# Whether the caller's `opts` name a standalone master (spark://...).
standalone_master() {
  local o prev=""
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$prev:$o" in --master:spark://*|--conf:spark.master=spark://*) return 0 ;; esac
    prev="$o"
  done
  return 1
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

# The project's jars as a Spark installation for Spark's launcher: jars/ holds symlinks to the
# launch classpath's jars (Spark, Scala, Hadoop and the app's dependencies; the project's own
# classes travel with the app). One directory per classpath, made once and renamed into place, so
# concurrent runs never see a half-built one.
launcher_spark_home() {
  local cp sum home tmp entry
  cp="$(launch_cp)"
  sum="$(printf '%s' "$cp" | cksum | cut -d' ' -f1)"
  home="$TARGET/spark-home-$sum"
  if [ ! -d "$home/jars" ]; then
    tmp="$(mktemp -d "$TARGET/.spark-home.XXXXXX")"
    mkdir -p "$tmp/jars"
    local IFS=':'
    for entry in $cp; do
      case "$entry" in
        "$ROOT"/*) ;;
        *.jar) ln -sf "$entry" "$tmp/jars/$(basename "$entry")" ;;
      esac
    done
    mv -T "$tmp" "$home" 2>/dev/null || rm -rf "$tmp"
  fi
  echo "$home"
}

# The java command Spark's launcher (org.apache.spark.launcher.Main, what bin/spark-submit runs
# through bin/spark-class) builds for SparkSubmit "${@:2}", into the array LAUNCH_CMD; $1 is 1 to
# keep the launcher's --add-modules=jdk.incubator.vector, 0 to drop it. Like
# spark-class: the launcher prints its messages, a NUL, then the command NUL-separated; its exit
# code comes last.
launcher_command() {
  local home launcher arg delim=$'\n' started=0
  home="$(launcher_spark_home)"
  launcher="$(launch_cp | tr ':' '\n' | grep -m1 '/spark-launcher_[^/]*\.jar$' || true)"
  [ -n "$launcher" ] || { echo "gradgrid: spark-launcher is not on the launch classpath" >&2; exit 1; }
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
  # jdk.incubator.vector: no class of spark-core or spark-sql uses the Vector API, and the module
  # prints a warning on every start, so the launcher's default goes unless the caller keeps it.
  local keep_vector="$1"
  shift
  LAUNCH_CMD=()
  while IFS= read -d "$delim" -r arg; do
    if [ "$started" = 1 ]; then
      if [ "$keep_vector" = 1 ] || [ "$arg" != --add-modules=jdk.incubator.vector ]; then
        LAUNCH_CMD+=("$arg")
      fi
    elif [ -z "$arg" ]; then
      delim='' started=1
    else
      echo "$arg" >&2
    fi
  done < <(java -Xmx128m -cp "$launcher" org.apache.spark.launcher.Main \
    org.apache.spark.deploy.SparkSubmit "$@"; printf '%d\0' $?)
  local last=$((${#LAUNCH_CMD[@]} - 1)) code
  [ "$last" -ge 0 ] || exit 1
  code="${LAUNCH_CMD[$last]}"
  case "$code" in ''|*[!0-9]*) exit 1 ;; esac
  [ "$code" = 0 ] || exit "$code"
  unset "LAUNCH_CMD[$last]"
}

# The user's Spark defaults, as spark-submit reads them: --properties-file when given (and
# spark-defaults.conf too with --load-spark-defaults), else $SPARK_CONF_DIR/spark-defaults.conf
# (or $SPARK_HOME/conf/ with a Spark install). Prints the files, one a line.
user_defaults_files() {  # user_defaults_files <properties file or ""> <load defaults 0|1>
  local dir="${SPARK_CONF_DIR:-}"
  [ -n "$dir" ] || { [ -n "${SPARK_HOME:-}" ] && dir="$SPARK_HOME/conf"; }
  if [ -z "$1" ] || [ "$2" = 1 ]; then
    [ -n "$dir" ] && [ -f "$dir/spark-defaults.conf" ] && echo "$dir/spark-defaults.conf"
  fi
  if [ -n "$1" ]; then echo "$1"; fi
  return 0
}

# The user's driver JVM options: the last --driver-java-options or --conf
# spark.driver.extraJavaOptions= of `opts`, else the last value in the user's defaults files.
user_driver_java_options() {  # <properties file or ""> <load defaults 0|1>
  local o prev="" v="" found=0 f
  for o in "${opts[@]+"${opts[@]}"}"; do
    case "$prev" in
      --driver-java-options) v="$o"; found=1 ;;
      --conf) case "$o" in spark.driver.extraJavaOptions=*) v="${o#spark.driver.extraJavaOptions=}"; found=1 ;; esac ;;
    esac
    prev="$o"
  done
  if [ "$found" = 0 ]; then
    while IFS= read -r f; do
      o="$(sed -n 's/^[[:space:]]*spark\.driver\.extraJavaOptions[[:space:]=:][[:space:]]*//p' "$f" | tail -1)"
      [ -z "$o" ] || v="$o"
    done < <(user_defaults_files "$1" "$2")
  fi
  printf '%s' "$v"
}

# Drops the driver JVM options from `spark_opts` (user_driver_java_options carries them over).
strip_driver_java_options() {
  local kept=() o skip=0 prev=""
  for o in "${spark_opts[@]+"${spark_opts[@]}"}"; do
    if [ "$skip" = 1 ]; then skip=0; prev="$o"; continue; fi
    case "$o" in
      --driver-java-options) skip=1; prev="$o"; continue ;;
      spark.driver.extraJavaOptions=*) if [ "$prev" = --conf ]; then unset 'kept[${#kept[@]}-1]'; prev="$o"; continue; fi ;;
    esac
    kept+=("$o")
    prev="$o"
  done
  spark_opts=("${kept[@]+"${kept[@]}"}")
}

# Runs MAIN_CLASS through spark-submit with the Spark options in the caller's `opts` array and the
# application arguments "$@". The project's defaults (conf/spark-defaults.conf, master local[*],
# no progress bar without a terminal) come first in one properties file per run, the user's
# defaults file after them, so the user's values win; --conf and the other options win over both,
# as with spark-submit. The log4j2 options go in SPARK_SUBMIT_OPTS, so --driver-java-options
# adds to them.
launch() {
  build_if_needed
  local jar o user_props="" load_defaults=0 prev="" next_is=""
  jar="$(app_jar)"
  local spark_opts=()
  for o in "${opts[@]+"${opts[@]}"}"; do
    if [ "$next_is" = props ]; then user_props="$o"; next_is=""; prev="$o"; continue; fi
    case "$o" in
      --properties-file) next_is=props; prev="$o"; continue ;;
      --load-spark-defaults) load_defaults=1; prev="$o"; continue ;;
    esac
    [ "$prev" = --master ] && check_master "$o"
    spark_opts+=("$o")
    prev="$o"
  done
  if cluster_deploy_mode; then
    if local_master; then
      echo "error: --deploy-mode cluster runs the driver on a cluster: it needs a cluster master" \
        "(spark://host:port, yarn or k8s://...), not a local one; nothing was run" >&2
      exit 2
    fi
    strip_driver_java_options
  fi
  [ "$prev" = --master ] && check_master ""
  if [ -n "$user_props" ] && [ ! -f "$user_props" ]; then
    echo "error: --properties-file '$user_props' is not a file; nothing was run" >&2
    exit 2
  fi
  # Spark's full log (INFO, every stack trace) goes to a file per run; the console keeps one line
  # per warning or error (GRADGRID_TRACES=1 puts the traces there too).
  local logdir="${GRADGRID_LOG_DIR:-$ROOT/logs}" name="${MAIN_CLASS##*.}" run
  mkdir -p "$logdir"
  name="$(echo "${name%Main}" | tr '[:upper:]' '[:lower:]')"
  run="$logdir/$name-$(date -u +%Y%m%dT%H%M%SZ)-$$"
  local defaults="$run.spark-defaults.conf" f
  {
    echo "# The Spark defaults of this run (submit.sh): the project's, then the user's."
    cat "$ROOT/conf/spark-defaults.conf"
    echo
    echo "spark.master local[*]"
    # Spark's stage progress bar is for a terminal: no escape codes in a redirected log.
    [ -t 2 ] || echo "spark.ui.showConsoleProgress false"
    if cluster_deploy_mode; then
      # The driver and executors run on Workers: the project's log4j2 settings by path (this
      # machine's; on a remote cluster override these with a file the workers have), logs in
      # their working directories.
      echo "spark.executor.defaultJavaOptions \"-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties\" -Dgradgrid.log.file=gradgrid-executor.log"
      echo "spark.standalone.submit.waitAppCompletion true"
    fi
    while IFS= read -r f; do
      echo
      echo "# $f"
      cat "$f"
      echo
    done < <(user_defaults_files "$user_props" "$load_defaults")
  } >"$defaults"
  local base=(--properties-file "$defaults" --class "$MAIN_CLASS")
  if cluster_deploy_mode; then
    # Spark's standalone Client passes spark.driver.extraJavaOptions to the Worker but not
    # spark.driver.defaultJavaOptions: the project's log4j2 options go first in it, the user's
    # (from --driver-java-options, --conf or a defaults file) after them.
    local user_djo
    user_djo="$(user_driver_java_options "$user_props" "$load_defaults")"
    base+=(--conf "spark.driver.extraJavaOptions=\"-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties\" -Dgradgrid.log.file=gradgrid-driver.log${user_djo:+ $user_djo}")
  fi
  local jars
  jars="$(app_jars)"
  [ -n "$jars" ] && base+=(--jars "$jars")
  # Spark's launcher splits these options as a shell would: quoted, a path may hold spaces.
  local log4j="\"-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties\" \"-Dgradgrid.log.file=$run.log\""
  [ "${GRADGRID_TRACES:-0}" = 1 ] && log4j+=" -Dgradgrid.console.traces=full"
  export SPARK_SUBMIT_OPTS="${EXTRA_OPTS[*]+"${EXTRA_OPTS[*]}"} $log4j ${SPARK_SUBMIT_OPTS:-}"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  if [ -n "${SPARK_HOME:-}" ]; then
    LAUNCH_CMD=("$SPARK_HOME/bin/spark-submit" "${base[@]}" "${spark_opts[@]+"${spark_opts[@]}"}" "$jar" "$@")
  else
    # the user's driver options may ask for the Vector API (gradgrid's SIMD kernels)
    local keep_vector=0
    case " $(user_driver_java_options "$user_props" "$load_defaults") ${SPARK_SUBMIT_OPTS:-}" in
      *jdk.incubator.vector*) keep_vector=1 ;;
    esac
    launcher_command "$keep_vector" "${base[@]}" "${spark_opts[@]+"${spark_opts[@]}"}" "$jar" "$@"
  fi
  if cluster_deploy_mode && standalone_master; then
    # the effective spark.standalone.submit.waitAppCompletion: the defaults' last line, then --conf
    local wait_key=spark.standalone.submit.waitAppCompletion wait o prev=""
    wait="$(sed -n "s/^ *$wait_key[ =]*\([a-z]*\).*/\1/p" "$defaults" | tail -1)"
    for o in "${spark_opts[@]+"${spark_opts[@]}"}"; do
      [ "$prev" = --conf ] && case "$o" in "$wait_key="*) wait="${o#*=}" ;; esac
      prev="$o"
    done
    standalone_cluster_submit "$run.log" "$wait"
  fi
  exec "${LAUNCH_CMD[@]}"
}

# Standalone cluster deploy mode. spark-submit's Client submits the driver and (with
# spark.standalone.submit.waitAppCompletion) polls the Master until it ends, but logs the driver's
# id and state only and exits 0 whatever the outcome. This runs LAUNCH_CMD, reads them from the
# run's log, prints the driver id and its log, then the driver's own output (when its Worker's
# directory is readable here, as on the local cluster), and exits with the driver's outcome: its
# gradgrid exit code (ExitCode.DRIVER_MARKER in its stderr) when readable, else 0 for FINISHED
# and 1 for FAILED, ERROR or KILLED. With waitAppCompletion false (the second argument) it
# prints the driver id and exits 0 once the driver is submitted.
standalone_cluster_submit() {
  local log="$1" pid id="" dir="" state rc=0
  "${LAUNCH_CMD[@]}" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; exit 130' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$id" ]; then
      id="$(sed -n 's/.*Driver successfully submitted as \(driver-[0-9-]*\).*/\1/p' "$log" 2>/dev/null | head -1 || true)"
      if [ -n "$id" ] && [ "$2" != false ]; then
        echo "gradgrid: submitted driver $id; waiting for it to finish" >&2
      fi
    fi
    if [ -n "$id" ] && [ -z "$dir" ]; then
      dir="$(ls -d "$CLUSTER_DIR"/work/*/"$id" 2>/dev/null | head -1 || true)"
      [ -z "$dir" ] || echo "gradgrid: the driver's log: $dir/stderr (Spark's full log: $dir/gradgrid-driver.log)" >&2
    fi
    sleep 0.5
  done
  wait "$pid" || rc=$?
  trap - INT TERM
  [ -n "$id" ] || id="$(sed -n 's/.*Driver successfully submitted as \(driver-[0-9-]*\).*/\1/p' "$log" 2>/dev/null | head -1 || true)"
  state="$(sed -n 's/.*State of driver [^ ]* is \([A-Z]*\), exiting.*/\1/p' "$log" 2>/dev/null | tail -1 || true)"
  if [ -n "$id" ] && [ -z "$state" ] && [ "$rc" = 0 ] &&
      [ "$2" = false ]; then
    echo "gradgrid: driver $id submitted; not waiting for it (spark.standalone.submit.waitAppCompletion=false)" >&2
    exit 0
  fi
  if [ -z "$id" ] || [ -z "$state" ]; then
    echo "error: the driver was not submitted or its end not seen (spark-submit exit $rc); see $log" >&2
    exit 1
  fi
  [ -n "$dir" ] || dir="$(ls -d "$CLUSTER_DIR"/work/*/"$id" 2>/dev/null | head -1 || true)"
  local code=""
  if [ -n "$dir" ]; then
    cat "$dir/stdout" 2>/dev/null || true
    # stderr: the Worker's "Launch Command" header, a ==== line, then the driver's own lines.
    sed -e '1,/^=====/d' -e '/^Using Spark.s default log4j profile/d' "$dir/stderr" 2>/dev/null |
      grep -v '^gradgrid: driver exit code ' >&2 || true
    code="$(sed -n 's/^gradgrid: driver exit code \([0-9]*\)$/\1/p' "$dir/stderr" 2>/dev/null | tail -1 || true)"
  else
    local worker
    worker="$(sed -n 's/.*Driver running on \(.*\)$/\1/p' "$log" | tail -1 || true)"
    [ -n "$worker" ] || worker="see the Master's web UI"
    echo "gradgrid: the driver's log is work/$id/stderr on its Worker ($worker)" >&2
  fi
  echo "gradgrid: driver $id $state" >&2
  case "$state" in
    FINISHED) exit "${code:-0}" ;;
    *) [ -n "$code" ] && [ "$code" != 0 ] && exit "$code"; exit 1 ;;
  esac
}

# The example programs in this checkout, by name.
examples() {
  local f names=()
  for f in "$ROOT"/job/src/main/java/gradgrid/job/examples/*.java; do
    f="${f##*/}"
    [ "$f" = package-info.java ] || names+=("${f%.java}")
  done
  echo "${names[*]}"
}

# run_example <arguments>: the first word that is not a Spark option names the example; the
# options before it go to spark-submit, and every word after it to the example, untouched.
run_example() {
  local args=("$@") i=0 prev=""
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
      --verbose|--supervise|--load-spark-defaults|-v|--*=*) prev="" ;;
      --*) prev="${args[i]}" ;;
      *)
        [ -z "$prev" ] && break
        prev=""
        ;;
    esac
  done
  [ "$i" -lt "${#args[@]}" ] || usage
  local name="${args[i]}"
  if [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]] || [ ! -f "$ROOT/job/src/main/java/gradgrid/job/examples/$name.java" ]; then
    echo "error: example: no example named '$name'; the examples are: $(examples); nothing was run" >&2
    exit 2
  fi
  MAIN_CLASS="gradgrid.job.examples.$name"
  local opts=("${args[@]:0:i}")
  launch "${args[@]:i+1}"
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
      --verbose|--supervise|--load-spark-defaults|-v) opts+=("$1") ;;
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
  # sql with no query is the interactive shell; an example may take no arguments
  [ ${#app[@]} -gt 0 ] || [ "$MAIN_CLASS" = gradgrid.job.cli.SqlMain ] \
    || [[ "$MAIN_CLASS" == gradgrid.job.examples.* ]] || usage
  launch "${app[@]+"${app[@]}"}"
}

# spark-submit takes `--option=value` and `-c k=v` as well as `--option value` and `--conf k=v`:
# every check below sees one form.
SPARK_VALUE_OPTIONS=" --master --deploy-mode --class --name --jars --packages --exclude-packages
  --repositories --py-files --files --archives --conf --properties-file --driver-memory
  --driver-java-options --driver-library-path --driver-class-path --driver-cores --executor-memory
  --executor-cores --total-executor-cores --num-executors --proxy-user --principal --keytab --queue "
normalized=()
prev=""
verbatim=""
for a in "$@"; do
  if [ -n "$verbatim" ]; then
    normalized+=("$a")
    continue
  fi
  case "$a" in
    -c) normalized+=(--conf); prev=--conf ;;
    --verbose|--supervise|--load-spark-defaults|-v) normalized+=("$a"); prev="" ;;
    --*=*)
      if [[ "$SPARK_VALUE_OPTIONS" == *[[:space:]]"${a%%=*}"[[:space:]]* ]]; then
        normalized+=("${a%%=*}" "${a#*=}")
      else
        normalized+=("$a")
      fi
      prev=""
      ;;
    --*) normalized+=("$a"); prev="$a" ;;
    *)
      # an example's name: the words after it are the example's arguments, not spark-submit's
      [ -z "$prev" ] && [ "${normalized[0]:-}" = example ] && verbatim=1
      normalized+=("$a")
      prev=""
      ;;
  esac
done
set -- "${normalized[@]+"${normalized[@]}"}"

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
  connect)
    case "${2:-}" in
      start) shift 2; connect_start "$@" ;;
      stop) daemon_stop "$CONNECT_DIR/connect.pid" ;;
      status) connect_status ;;
      -h|--help) show_help connect ;;
      *) usage ;;
    esac
    ;;
  history)
    case "${2:-}" in
      start) history_start ;;
      stop) daemon_stop "$HISTORY_DIR/history.pid" ;;
      status) history_status ;;
      -h|--help) show_help history ;;
      *) usage ;;
    esac
    ;;
  -h|--help|help) show_help ;;
  --version|version) show_version ;;
  sql|plot|extrema|summary|example)
    case "${2:-}" in -h|--help) show_help "$1" ;; esac
    ;;&
  sql) shift; run_results gradgrid.job.cli.SqlMain "--csv --dir= --confs= --max-rows=" -- "$@" ;;
  plot) shift; run_results gradgrid.job.cli.PlotMain "" -- "$@" ;;
  extrema) shift; run_results gradgrid.job.cli.ExtremaMain "" -- "$@" ;;
  summary) shift; run_results gradgrid.job.cli.SummaryMain "" -- "$@" ;;
  example) shift; run_example "$@" ;;
  *) run_sweep "$@" ;;
esac
