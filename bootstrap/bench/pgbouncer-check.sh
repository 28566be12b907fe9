#!/usr/bin/env bash
# PgBouncer check (docs/operations.md "PgBouncer"): two service instances behind PgBouncer in
# pool_mode=transaction, a bounded mixed load, then verify-ledger.
#
# Usage: bootstrap/bench/pgbouncer-check.sh [seconds]   (default 30; builds the jar if missing)
#   env: WARMUP (seconds of the same load before measuring, 15), CLIENTS (load threads, 16), USERS (200), DATABASE_POOL_SIZE (per instance, 10),
#        BOUNCER_POOL (PgBouncer server connections, 8), PGBIN (PostgreSQL binaries, newest installed)
#
# 1. Installs PgBouncer with apt-get when it is missing (root, or sudo).
# 2. Starts a throw-away PostgreSQL (random free port, data in a temp directory) and PgBouncer in
#    front of it: pool_mode=transaction, default_pool_size=$BOUNCER_POOL, so the 2 × pool-size client
#    connections of the instances share fewer server connections, and consecutive transactions of
#    one client connection run on different server connections. pgjdbc's extra_float_digits startup
#    parameter is ignored (ignore_startup_parameters), as PgBouncer requires.
# 3. Starts two instances (java -jar bootstrap/target/creditline.jar serve, random ports) with
#    DATABASE_URL pointing at PgBouncer and DATABASE_POOLER=pgbouncer; both apply migrations through
#    PgBouncer at the same time (Flyway's transactional advisory lock). One instance's JVM runs in
#    UTC, the other in Asia/Kolkata, so the two send different TimeZone startup parameters over the
#    same server connections.
# 4. Creates USERS users, then runs bootstrap/bench/MixedLoad.java for the given seconds: model calls
#    with Idempotency-Keys and their replays, holds and captures, signed Stripe webhooks and their
#    redeliveries, usage-stats and model-call reads; each step of a flow on the other instance
#    (first WARMUP seconds of it unmeasured: cold JVMs).
# 5. Prints throughput, mean latency and error counts per operation, the ERROR lines of the services'
#    logs, PgBouncer's server connections and error lines; then (unless BASELINE=0) the same run with
#    the instances connected to PostgreSQL directly, for comparison on the same machine; last
#    `creditline verify-ledger`'s result (through PgBouncer).
# Everything started is stopped and removed at the end.
set -euo pipefail
SECONDS_LOAD=${1:-30}
CLIENTS=${CLIENTS:-16}
NUSERS=${USERS:-200}
POOL=${DATABASE_POOL_SIZE:-10}
BOUNCER_POOL=${BOUNCER_POOL:-8}
WARMUP=${WARMUP:-15}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PGPORT=$(free_port)
APPPORT=$(free_port)
export PGPORT APPPORT
. "$(dirname "$0")/lib.sh"
bench_init
BOUNCER_PORT=$(free_port)
APPPORT2=$(free_port)

if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "installing pgbouncer (apt-get) ..."
  SUDO=()
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=300 pgbouncer >/dev/null
fi
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
echo "$("$PGBOUNCER" --version | head -1); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"

bench_build_jar
bench_start_pg max_connections=100

cat >"$WORK/userlist.txt" <<EOF
"bench" ""
EOF
cat >"$WORK/pgbouncer.ini" <<EOF
[databases]
creditline = host=127.0.0.1 port=$PGPORT dbname=creditline user=bench

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
admin_users = bench
pool_mode = transaction
default_pool_size = $BOUNCER_POOL
max_client_conn = 500
ignore_startup_parameters = extra_float_digits
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
EOF
chmod 644 "$WORK/userlist.txt" "$WORK/pgbouncer.ini"
"${AS[@]}" "$PGBOUNCER" -d "$WORK/pgbouncer.ini"
for _ in $(seq 1 50); do [ -s "$WORK/pgbouncer.pid" ] && break; sleep 0.1; done
PIDS=()
start_instance() { # port timezone log
  env DATABASE_URL="$DB_URL" DATABASE_POOLER="$DB_POOLER" DATABASE_POOL_SIZE="$POOL" PORT="$1" HOST=127.0.0.1 \
    SERVICE_SECRET=$SERVICE ADAPTER_SECRET=$ADAPTER AUTH_SECRET=$AUTH STRIPE_WEBHOOK_SECRET=$WEBHOOK \
    LOG_FORMAT=text LOG_REQUESTS=OFF \
    java -Duser.timezone="$2" -jar "$JAR" serve >>"$3" 2>&1 &
  PIDS+=($!)
}
stop_instances() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
stop_bouncer() { [ -s "$WORK/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null || true; }
trap 'rc=$?; stop_instances; stop_bouncer; bench_cleanup $rc' EXIT

SERVICE=bench-service-secret-0123456789abcdef
ADAPTER=bench-adapter-secret-0123456789abcdef
AUTH=bench-auth-secret-0123456789abcdef0123
WEBHOOK=whsec_bench0123456789abcdef0123456789
BOUNCED_URL="postgresql://bench@127.0.0.1:$BOUNCER_PORT/creditline"
wait_health() { # port log
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the instance on port $1 did not answer /health within 120 s" >&2
  tail -30 "$2" >&2
  return 1
}
table() { # load output file
  printf '| %-20s | %9s | %7s | %5s | %8s |\n' "operation" "requests" "errors" "5xx" "mean ms"
  printf '|%s|%s|%s|%s|%s|\n' "----------------------" "-----------" "---------" "-------" "----------"
  grep -v '^total ' "$1" | while read -r op n e s ms; do
    printf '| %-20s | %9s | %7s | %5s | %8s |\n' "$op" "$n" "$e" "$s" "$ms"
  done
}
run_case() { # label database_url pooler(none|pgbouncer)
  echo
  echo "== $1: starting two instances (pools $POOL + $POOL; JVM zones UTC and Asia/Kolkata) ..."
  : >"$WORK/app1.log"; : >"$WORK/app2.log"
  DB_URL=$2 DB_POOLER=$3
  start_instance "$APPPORT" UTC "$WORK/app1.log"
  start_instance "$APPPORT2" Asia/Kolkata "$WORK/app2.log"
  wait_health "$APPPORT" "$WORK/app1.log"
  wait_health "$APPPORT2" "$WORK/app2.log"
  if [ ! -s "$WORK/users.txt" ]; then
    echo "creating $NUSERS users ..."
    java "$HERE/MeteringLoad.java" users "$APPPORT" "$ADAPTER" "$NUSERS" "$WORK/users.txt"
  fi
  echo "warm-up: the same load for $WARMUP s, not measured ..."
  java "$HERE/MixedLoad.java" "$APPPORT,$APPPORT2" "$SERVICE" "$AUTH" "$WEBHOOK" "$WORK/users.txt" "$CLIENTS" \
    "$WARMUP" >"$WORK/warmup.txt" 2>&1 || { cat "$WORK/warmup.txt"; exit 1; }
  read -r _ _ _ WARM_ERRORS WARM_5XX < <(grep '^total ' "$WORK/warmup.txt")
  echo "  warm-up errors: $WARM_ERRORS (5xx: $WARM_5XX)"
  echo "mixed load: $CLIENTS clients for $SECONDS_LOAD s over both instances ..."
  java "$HERE/MixedLoad.java" "$APPPORT,$APPPORT2" "$SERVICE" "$AUTH" "$WEBHOOK" "$WORK/users.txt" "$CLIENTS" \
    "$SECONDS_LOAD" >"$WORK/load-$1.txt" 2>"$WORK/load-$1.err" || { cat "$WORK/load-$1.err"; exit 1; }
  local loadavg
  loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
  table "$WORK/load-$1.txt"
  read -r _ TOTAL RPS ERRORS FIVEXX < <(grep '^total ' "$WORK/load-$1.txt")
  echo "$1: $TOTAL requests in $SECONDS_LOAD s = $RPS req/s over 2 instances; errors $ERRORS (5xx: $FIVEXX);" \
    "load average $loadavg on $(nproc) CPUs"
  if [ -s "$WORK/load-$1.err" ]; then sed 's/^/  /' "$WORK/load-$1.err" | cut -c1-300; fi
  echo "ERROR lines in the service logs: $(cat "$WORK/app1.log" "$WORK/app2.log" | grep -c ' ERROR ' || true)"
  grep -h ' ERROR ' "$WORK/app1.log" "$WORK/app2.log" | head -5 | cut -c1-300 | sed 's/^/  /' || true
  if [ "$3" = pgbouncer ]; then
    echo "PgBouncer (SHOW POOLS, SHOW STATS):"
    psql -qX -A -F ' ' -h 127.0.0.1 -p "$BOUNCER_PORT" -U bench pgbouncer -c 'SHOW POOLS' \
      | awk 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i} $1 == "creditline" {print "  client connections " $h["cl_active"] " (2 × " '"$POOL"' "), server connections: active " \
        $h["sv_active"] ", idle " $h["sv_idle"] ", used " $h["sv_used"] " (pool " '"$BOUNCER_POOL"' ")"}'
    psql -qX -A -F ' ' -h 127.0.0.1 -p "$BOUNCER_PORT" -U bench pgbouncer -c 'SHOW STATS' \
      | awk 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i} $1 == "creditline" {print "  transactions through PgBouncer " \
        $h["total_xact_count"] ", queries " $h["total_query_count"]}'
  fi
  stop_instances
}

run_case pgbouncer "$BOUNCED_URL" pgbouncer
echo "  PgBouncer log lines with error or warning: $(grep -ciE 'error|warning' "$WORK/pgbouncer.log" || true)"
if [ "${BASELINE:-1}" = 1 ]; then
  run_case direct "$DATABASE_URL" none
fi
echo
echo "rows: model calls $(psql -qAtX -c 'SELECT count(*) FROM model_calls'), holds $(psql -qAtX -c 'SELECT count(*) FROM holds')," \
  "pack purchases $(psql -qAtX -c 'SELECT count(*) FROM credit_pack_purchases')," \
  "webhook events $(psql -qAtX -c 'SELECT count(*) FROM stripe_events')"
echo "verify-ledger (through PgBouncer):"
DATABASE_URL="$BOUNCED_URL" DATABASE_POOLER=pgbouncer java -jar "$JAR" verify-ledger 2>/dev/null | tail -3 | sed 's/^/  /'
