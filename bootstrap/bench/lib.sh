# Shared shell functions of the benchmarks in bootstrap/bench (sourced, not run).
#
# bench_init            sets HERE (bootstrap/bench), ROOT, JAR, PGBIN, PGPORT, APPPORT, WORK, AS and the EXIT trap
# bench_build_jar       builds bootstrap/target/creditline.jar through the reactor if it is missing
# bench_start_pg [opts] initdb + pg_ctl start of a throw-away cluster in $WORK/pg (extra -c options)
# bench_start_app ENV.. starts the service jar on $APPPORT against that cluster, waits for /health
#                       (JVM options of the service from $APP_JAVA_OPTS, e.g. a JFR recording)
# bench_stop_app        stops the service started by bench_start_app
# bench_ticks PID       CPU clock ticks (user + system) of PID, its waited-for children and its live children
# Everything started is stopped and $WORK removed on exit. When run as root, PostgreSQL runs as
# user postgres (runuser).

bench_init() {
  HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  ROOT=$(cd "$HERE/../.." && pwd)
  JAR=${BENCH_JAR:-"$ROOT/bootstrap/target/creditline.jar"}
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
  PGPORT=${PGPORT:-55439}
  APPPORT=${APPPORT:-18439}
  WORK=$(mktemp -d /tmp/creditline-bench.XXXX)
  chmod 777 "$WORK"
  AS=()
  if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi
  export PGHOST=127.0.0.1 PGPORT PGUSER=bench PGDATABASE=creditline
  DATABASE_URL="postgresql://bench@127.0.0.1:$PGPORT/creditline"
  trap 'bench_cleanup $?' EXIT
}

bench_cleanup() {
  set +e
  if [ "${1:-0}" != 0 ] && [ -f "$WORK/app.log" ]; then
    tail -25 "$WORK/app.log"
  fi
  bench_stop_app
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

bench_build_jar() {
  if [ ! -f "$JAR" ]; then
    echo "building $JAR ..."
    (cd "$ROOT" && ./mvnw -B -q -o -DskipTests package -pl bootstrap -am)
  fi
}

bench_start_pg() {
  local opts="-p $PGPORT -k $WORK -c shared_buffers=256MB"
  for o in "$@"; do opts="$opts -c $o"; done
  "${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U bench --auth=trust >/dev/null
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -o "$opts" -l "$WORK/pg.log" -w start >/dev/null
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U bench creditline
}

# Usage: bench_start_app NAME=value ... (added to the environment of the service)
bench_start_app() {
  env DATABASE_URL="$DATABASE_URL" PORT="$APPPORT" HOST=127.0.0.1 "$@" \
    java ${APP_JAVA_OPTS:-} -jar "$JAR" serve >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$APPPORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "the service did not start" >&2; return 1; }
    sleep 1
  done
  echo "the service did not answer /health within 90 s" >&2
  return 1
}

bench_stop_app() {
  if [ -n "${APP_PID:-}" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
  fi
}

# Usage: bench_ticks PID — utime + stime + cutime + cstime of PID (/proc/PID/stat fields 14-17) plus
# utime + stime of its live children: for the postmaster, all of PostgreSQL's CPU so far, including
# backends that already exited. Ticks are 1/$(getconf CLK_TCK) s.
bench_ticks() {
  local total=0 f c
  f=$(sed 's/^.*) //' "/proc/$1/stat") || { echo 0; return; }
  set -- "$1" $f
  total=$(( ${13} + ${14} + ${15} + ${16} ))
  for c in $(ps -o pid= --ppid "$1"); do
    f=$(sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null) || continue
    set -- "$c" $f
    total=$(( total + ${13} + ${14} ))
  done
  echo "$total"
}
