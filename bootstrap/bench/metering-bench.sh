#!/usr/bin/env bash
# Metering benchmark (docs/performance.md "Metering"; issue 3): POST /api/internal/model-calls
# over HTTP against the same transaction driven directly by pgbench, on one throw-away PostgreSQL.
#
# Usage: bootstrap/bench/metering-bench.sh [warmup_s measure_s]   (defaults 10 20; builds the jar if missing)
#   env: USERS (1000), DATABASE_POOL_SIZE (service pool, 10), PGBENCH_THREADS (2),
#        JIT_WARMUP (seconds of unmeasured HTTP load before the first case, 40), LOAD_CLIENT (socket|jdk,
#        see MeteringLoad.java), APP_JAVA_OPTS (JVM options of the service, e.g. a JFR recording),
#        BENCH_JAR (the service jar to measure, e.g. one built from an earlier commit for a before/after),
#        CASES (all | 16: only the 16-client HTTP and pgbench pair, for quick interleaved before/after runs),
#        SERVE_DIR (set up, warm up, then serve until SERVE_DIR/stop exists: used by metering-ab.sh)
#
# Credits: each user gets three top-up entries. When the schema has credit lots (docs/lots.md), each
# entry makes a lot (promotion expiring in 30 days, admin, purchase), so every debit allocates across
# lots, and pgbench runs the lot-aware transaction of that schema: with the user's current lot (V122)
# the entry from the locked user row (lots/debit-current-lot.sql) then the user row's balance and lot
# remaining; with single-lot debits kept on the entry (credit_ledger.lot_id, V121) the user's row lock
# then lots/debit.sql; before that, the conditional insert that also checks the user's next lot expiry,
# then lots/burn.sql.
#
# The service JVM first gets JIT_WARMUP seconds of the same HTTP load (16 clients, not measured): on
# 2 busy cores its C2 compiler needs more than the 10 s warm-up of one case to finish (measured:
# ~1,040 req/s after 10 s, ~1,370 after 50 s, same code), and a running service is warm.
#
# Cases, each after a CHECKPOINT, in this order: HTTP 16 clients, pgbench 16, HTTP 64, pgbench 64,
# HTTP 32 on one hot user, pgbench 32 on that user. HTTP load: bootstrap/bench/MeteringLoad.java
# (warm-up, then measure). pgbench: a warm-up run of warmup_s seconds is discarded, then
# measure_s seconds with per-transaction logs for p50/p99. Every call costs 1 credit.
# Then: statements per model call (pg_stat_statements over the HTTP 16-client case) and
# `creditline verify-ledger`. Everything started is stopped and removed at the end.
# CPU per request: during each measured window, CPU time (user + system, /proc) of the load generator
# (MeteringLoad or pgbench), of the service JVM and of all PostgreSQL processes, divided by the
# requests (transactions) completed in it.
set -euo pipefail
WARMUP=${1:-10}
MEASURE=${2:-20}
NUSERS=${USERS:-1000}
POOL=${DATABASE_POOL_SIZE:-10}
PGJ=${PGBENCH_THREADS:-2}
JIT=${JIT_WARMUP:-40}
CASES=${CASES:-all}
case "$CASES" in all|16) ;; *) echo "CASES must be all or 16, not '$CASES'" >&2; exit 2 ;; esac
. "$(dirname "$0")/lib.sh"
bench_init
bench_build_jar
bench_start_pg shared_preload_libraries=pg_stat_statements max_connections=200
SERVICE=bench-service-secret-0123456789abcdef
ADAPTER=bench-adapter-secret-0123456789abcdef
bench_start_app SERVICE_SECRET=$SERVICE ADAPTER_SECRET=$ADAPTER AUTH_SECRET=bench-auth-secret-0123456789abcdef0123 \
  DATABASE_POOL_SIZE="$POOL"
psql -qX -c 'CREATE EXTENSION pg_stat_statements' >/dev/null
LOAD=(java -Dclk.tck="$(getconf CLK_TCK)" "$HERE/MeteringLoad.java")

echo "creating $NUSERS users through POST /api/internal/auth/users ..."
"${LOAD[@]}" users "$APPPORT" "$ADAPTER" "$NUSERS" "$WORK/users.txt"
head -1 "$WORK/users.txt" >"$WORK/hot.txt"
# Enough credits for any run: three admin_adjustment entries per user, appended like the ledger does
# (balance_after from the locked row, then the cached balance), so verify-ledger still holds.
{
  echo "CREATE TABLE bench_users (n int PRIMARY KEY, id uuid NOT NULL);"
  echo "INSERT INTO bench_users VALUES"
  awk '{printf "%s(%d, '\''%s'\'')", (NR > 1 ? ",\n" : ""), NR, $1} END {print ";"}' "$WORK/users.txt"
  echo "BEGIN;"
  for k in 1 2 3; do
    cat <<SQL
INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, created_at)
SELECT u.id, 400000000, u.credits_balance + 400000000, 'admin_adjustment', 'admin', 'metering-bench-$k',
       'metering benchmark top-up', now()
FROM (SELECT u.id, u.credits_balance FROM users u JOIN bench_users b ON b.id = u.id FOR UPDATE OF u) u;
UPDATE users SET credits_balance = credits_balance + 400000000, updated_at = now()
WHERE id IN (SELECT id FROM bench_users);
SQL
  done
  echo "COMMIT;"
} | psql -qX -v ON_ERROR_STOP=1 >/dev/null
LOTS=$(psql -qAtX -c "SELECT to_regclass('credit_lots') IS NOT NULL")
# With the user's current lot (V122) the lot rows are credit_lot_rows and credit_lots is a view.
CURRENT_LOT=$(psql -qAtX -c "SELECT to_regclass('credit_lot_rows') IS NOT NULL")
LOT_TABLE=credit_lots
[ "$CURRENT_LOT" = t ] && LOT_TABLE=credit_lot_rows
if [ "$LOTS" = t ]; then
  psql -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO $LOT_TABLE (user_id, category, amount, remaining, priority, expires_at, entry_id, ref_type, ref_id,
                         created_at)
SELECT l.user_id, c.category, l.delta, l.delta, c.priority, c.expires, l.id, l.ref_type, l.ref_id, l.created_at
FROM credit_ledger l
JOIN (VALUES ('metering-bench-1', 'promotion', 20, now() + interval '30 days'),
             ('metering-bench-2', 'admin', 30, NULL::timestamptz),
             ('metering-bench-3', 'purchase', 50, NULL)) c(ref, category, priority, expires) ON c.ref = l.ref_id
WHERE l.ref_type = 'admin';
UPDATE users SET next_lot_expiry = now() + interval '30 days' WHERE id IN (SELECT id FROM bench_users);
SQL
fi
psql -qX -c 'VACUUM ANALYZE' >/dev/null

# The service's transaction for a model call without a hold (JdbiLedgerRepository.append,
# JdbiModelCallRepository.insert): ledger insert under the user's row lock, cached balance,
# model call row. The user id is looked up inline from bench_users (n random in 1..:nusers).
ENTRY_LOT=$(psql -qAtX -c "SELECT count(*) > 0 FROM information_schema.columns
  WHERE table_name = 'credit_ledger' AND column_name = 'lot_id'")
if [ "$CURRENT_LOT" = t ]; then
  # Lots with the user's current lot (V122): JdbiLedgerRepository's debit when the current lot covers
  # it, as after the first debit of every user — the entry from the locked user row
  # (lots/debit-current-lot.sql), then the balance and the lot's remaining on that row — then the model
  # call. pgbench starts every user there (the promotion lot, first in burn order).
  psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
UPDATE users u SET current_lot_id = l.id, current_lot_remaining = l.remaining
FROM credit_lot_rows l WHERE l.user_id = u.id AND l.ref_type = 'admin' AND l.ref_id = 'metering-bench-1';
SQL
  cat >"$WORK/model-call.sql" <<'SQL'
\set n random(1, :nusers)
BEGIN;
WITH u AS (
    SELECT id, credits_balance, current_lot_id, current_lot_remaining,
           now() IS NOT NULL AND next_lot_expiry <= now() AS expiry_due,
           now() - interval '30 days' IS NOT NULL AND plan = 'free'
               AND coalesce(monthly_credits_granted_at, created_at) <= now() - interval '30 days' AS allowance_due
    FROM users WHERE id = (SELECT id FROM bench_users WHERE n = :n) FOR UPDATE
), fast AS (
    SELECT id, credits_balance - 1 AS balance_after, current_lot_id FROM u
    WHERE true AND current_lot_remaining > 1 AND expiry_due IS NOT TRUE AND NOT allowance_due
), entry AS (
    INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at,
        lot_id)
    SELECT id, -1, balance_after, 'usage', 'model_call', gen_random_uuid()::text, NULL, NULL, now(), current_lot_id
    FROM fast WHERE balance_after >= 0
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at
)
SELECT u.credits_balance AS bal, u.current_lot_remaining - 1 AS lot_after, e.id AS l_id, e.user_id AS l_user_id,
       e.balance_after AS l_balance_after, e.ref_id AS l_ref_id
FROM u LEFT JOIN entry e ON true \gset
UPDATE users SET credits_balance = :l_balance_after, current_lot_remaining = :lot_after, updated_at = now()
WHERE id = :l_user_id
RETURNING low_balance_thresholds, low_balance_fired, depleted_alerted, auto_topup_threshold;
SQL
elif [ "$ENTRY_LOT" = t ]; then
  # Lots with single-lot debits kept on the entry (V121): JdbiLedgerRepository's debit — the user's row
  # lock (lots/lock-user.sql), then entry, allocations, lots and balance in one statement
  # (lots/debit.sql) — then the model call.
  cat >"$WORK/model-call.sql" <<'SQL'
\set n random(1, :nusers)
BEGIN;
SELECT id AS uid, credits_balance AS bal, next_lot_expiry AS nle,
       now() - interval '30 days' IS NOT NULL AND plan = 'free'
           AND coalesce(monthly_credits_granted_at, created_at) <= now() - interval '30 days' AS due
FROM users WHERE id = (SELECT id FROM bench_users WHERE n = :n) FOR UPDATE \gset
WITH ordered AS (
    SELECT id, remaining,
           sum(remaining) OVER (ORDER BY id = -1 DESC, priority, expires_at NULLS LAST, created_at, id) AS upto
    FROM credit_lots
    WHERE user_id = :uid::uuid AND status = 'active' AND remaining > 0
), take AS (
    SELECT id, LEAST(remaining, 1 - (upto - remaining))::bigint AS amount, upto FROM ordered WHERE upto - remaining < 1
), entry AS (
    INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at,
        lot_id)
    SELECT :uid::uuid, -1, :bal + -1, 'usage', 'model_call', gen_random_uuid()::text, NULL, NULL, now(),
           (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM take)
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at, lot_id
), burnt AS (
    UPDATE credit_lots l SET remaining = l.remaining - t.amount,
        status = CASE WHEN l.remaining = t.amount THEN 'depleted' ELSE 'active' END
    FROM take t, entry e WHERE l.user_id = e.user_id AND l.id = t.id RETURNING l.id
), allocated AS (
    INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)
    SELECT e.user_id, e.id, t.id, e.id, t.amount FROM take t, entry e WHERE e.lot_id IS NULL ORDER BY t.upto
    RETURNING amount
), balance AS (
    UPDATE users u SET credits_balance = e.balance_after, updated_at = e.created_at FROM entry e
    WHERE u.id = e.user_id
    RETURNING u.low_balance_thresholds, u.low_balance_fired, u.depleted_alerted, u.auto_topup_threshold
)
SELECT e.id AS l_id, e.user_id AS l_user_id, e.ref_id AS l_ref_id,
       (SELECT coalesce(sum(amount), 0)::bigint FROM take) AS taken, b.low_balance_thresholds
FROM entry e, balance b \gset
SQL
elif [ "$LOTS" = t ]; then
  # With lots: JdbiLedgerRepository.append (conditional insert, then lots/burn.sql), then the model call.
  cat >"$WORK/model-call.sql" <<'SQL'
\set n random(1, :nusers)
BEGIN;
INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at)
SELECT u.id, -1, u.credits_balance + -1, 'usage', 'model_call', gen_random_uuid()::text, NULL, NULL, now()
FROM (SELECT id, credits_balance, next_lot_expiry FROM users WHERE id = (SELECT id FROM bench_users WHERE n = :n)
      FOR UPDATE) u
WHERE u.credits_balance + -1 >= 0 AND (u.next_lot_expiry IS NULL OR u.next_lot_expiry > now())
ON CONFLICT DO NOTHING
RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at \gset l_
WITH ordered AS (
    SELECT id, remaining,
           sum(remaining) OVER (ORDER BY id = -1 DESC, priority, expires_at NULLS LAST, created_at, id) AS upto
    FROM credit_lots
    WHERE user_id = :l_user_id AND status = 'active' AND remaining > 0 AND (id = -1 OR NOT false)
), take AS (
    SELECT id, LEAST(remaining, 1 - (upto - remaining))::bigint AS amount, upto FROM ordered WHERE upto - remaining < 1
), burnt AS (
    UPDATE credit_lots l SET remaining = l.remaining - t.amount,
        status = CASE WHEN l.remaining = t.amount THEN 'depleted' ELSE 'active' END
    FROM take t WHERE l.user_id = :l_user_id AND l.id = t.id RETURNING l.id
), allocated AS (
    INSERT INTO lot_allocations (user_id, entry_id, lot_id, origin_entry_id, amount)
    SELECT :l_user_id::uuid, :l_id::bigint, t.id, :l_id::bigint, t.amount FROM take t ORDER BY t.upto RETURNING amount
), balance AS (
    UPDATE users SET credits_balance = :l_balance_after, updated_at = now() WHERE id = :l_user_id
)
SELECT coalesce(sum(amount), 0)::bigint FROM allocated;
SQL
else
cat >"$WORK/model-call.sql" <<'SQL'
\set n random(1, :nusers)
BEGIN;
INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at)
SELECT u.id, -1, u.credits_balance + -1, 'usage', 'model_call', gen_random_uuid()::text, NULL, NULL, now()
FROM (SELECT id, credits_balance FROM users WHERE id = (SELECT id FROM bench_users WHERE n = :n) FOR UPDATE) u
WHERE u.credits_balance + -1 >= 0
ON CONFLICT DO NOTHING
RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at \gset l_
UPDATE users SET credits_balance = :l_balance_after, updated_at = now() WHERE id = :l_user_id;
SQL
fi
# Every variant ends the same way: the model call row (JdbiModelCallRepository.insert), then COMMIT.
cat >>"$WORK/model-call.sql" <<'SQL'
INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type, status, input_tokens,
    output_tokens, cache_creation_input_tokens, cache_read_input_tokens, images, media_seconds,
    total_usage, credits, duration_ms, request_id, error_reason, document_id, session_id,
    message_id, hold_id, call_time, created_at)
VALUES (:l_user_id, :l_ref_id, 'bench', 'bench', 'bench/model', 'chatCompletion', 'success', 100, 20, 0, 0, 0, 0,
    120, 1, 1200, NULL, NULL, NULL, NULL, NULL, NULL, now(), now());
COMMIT;
SQL

declare -A RPS P50 P99 CPU_LOAD CPU_APP CPU_PG
PGPID=$(head -1 "$WORK/pg/postmaster.pid")
TICK_MS=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN {print 1000 / t}')
http_case() { # label clients users_file
  psql -qX -c CHECKPOINT >/dev/null
  local out
  out=$("${LOAD[@]}" load "$APPPORT" "$SERVICE" "$3" "$2" "$WARMUP" "$MEASURE" "$1" "$APP_PID" "$PGPID")
  read -r _ _ _ RPS[$1] P50[$1] P99[$1] _ CPU_LOAD[$1] CPU_APP[$1] CPU_PG[$1] <<<"$out"
  echo "  $1: ${RPS[$1]} req/s, p50 ${P50[$1]} ms, p99 ${P99[$1]} ms;" \
    "CPU ms/request: load ${CPU_LOAD[$1]}, service ${CPU_APP[$1]}, PostgreSQL ${CPU_PG[$1]}"
}
pgbench_case() { # label clients nusers
  psql -qX -c CHECKPOINT >/dev/null
  "$PGBIN/pgbench" -n -M prepared -c "$2" -j "$PGJ" -T "$WARMUP" -D nusers="$3" -f "$WORK/model-call.sql" \
    >/dev/null 2>"$WORK/pgbench-warmup.err" || { cat "$WORK/pgbench-warmup.err"; return 1; }
  mkdir -p "$WORK/log-$1"
  local pg0 pg1 client
  pg0=$(bench_ticks "$PGPID")
  # The subshell has waited for pgbench: its cutime + cstime (fields 16, 17) are pgbench's CPU
  # (read by builtins: a pipeline would run in another subshell).
  client=$(cd "$WORK/log-$1" && { "$PGBIN/pgbench" -n -M prepared -c "$2" -j "$PGJ" -T "$MEASURE" -D nusers="$3" \
    -f "$WORK/model-call.sql" -l --log-prefix=tx >"$WORK/pgbench-$1.out" 2>&1 || exit 1; } \
    && read -r st <"/proc/$BASHPID/stat" && st=${st##*) } && set -- $st && echo $(( ${14} + ${15} ))) \
    || { cat "$WORK/pgbench-$1.out"; return 1; }
  pg1=$(bench_ticks "$PGPID")
  RPS[$1]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench-$1.out" | awk '{printf "%.0f", $1}')
  local n
  n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench-$1.out")
  CPU_LOAD[$1]=$(awk -v t="$client" -v n="$n" -v ms="$TICK_MS" 'BEGIN {printf "%.3f", t * ms / n}')
  CPU_APP[$1]="-"
  CPU_PG[$1]=$(awk -v a="$pg0" -v b="$pg1" -v n="$n" -v ms="$TICK_MS" 'BEGIN {printf "%.3f", (b - a) * ms / n}')
  read -r P50[$1] P99[$1] < <(cat "$WORK/log-$1"/tx* | awk '{print $3}' | sort -n | awk '
    {v[NR] = $1} END {i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999);
      printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000}')
  echo "  $1: ${RPS[$1]} tx/s, p50 ${P50[$1]} ms, p99 ${P99[$1]} ms;" \
    "CPU ms/transaction: pgbench ${CPU_LOAD[$1]}, PostgreSQL ${CPU_PG[$1]}"
}

echo "JIT warm-up of the service: ${JIT} s of HTTP load, 16 clients, not measured ..."
"${LOAD[@]}" load "$APPPORT" "$SERVICE" "$WORK/users.txt" 16 "$JIT" 1 jit-warmup >/dev/null
if [ -n "${SERVE_DIR:-}" ]; then
  # Serve for bootstrap/bench/metering-ab.sh: say where, then wait for its stop file.
  echo "$APPPORT $SERVICE $WORK/users.txt $APP_PID $PGPID" >"$SERVE_DIR/ready.tmp"
  mv "$SERVE_DIR/ready.tmp" "$SERVE_DIR/ready"
  while [ ! -e "$SERVE_DIR/stop" ]; do sleep 1; done
  echo "model calls stored: $(psql -qAtX -c 'SELECT count(*) FROM model_calls')"
  bench_stop_app
  echo "verify-ledger:"
  DATABASE_URL="$DATABASE_URL" java -jar "$JAR" verify-ledger | tail -3
  exit 0
fi
echo "measuring (${WARMUP} s warm-up + ${MEASURE} s per case; pool $POOL; $(nproc) CPUs) ..."
psql -qX -c 'SELECT pg_stat_statements_reset()' >/dev/null
REQ0=$(psql -qAtX -c 'SELECT count(*) FROM model_calls')
http_case http16 16 "$WORK/users.txt"
REQ1=$(psql -qAtX -c 'SELECT count(*) FROM model_calls')
psql -qAtX -F ' ' >"$WORK/statements.txt" <<SQL
SELECT round(sum(calls)::numeric / ($REQ1 - $REQ0), 2) AS per_call, q
FROM (SELECT calls, regexp_replace(left(query, 90), '\s+', ' ', 'g') AS q FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'creditline')
        AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE 'CHECKPOINT%'
        AND query NOT ILIKE '%count(*) FROM model_calls%') s
GROUP BY q HAVING sum(calls) >= ($REQ1 - $REQ0) / 10
ORDER BY per_call DESC, q;
SQL
pgbench_case pgbench16 16 "$NUSERS"
if [ "$CASES" = all ]; then
  http_case http64 64 "$WORK/users.txt"
  pgbench_case pgbench64 64 "$NUSERS"
  http_case hot32 32 "$WORK/hot.txt"
  pgbench_case pghot32 32 1
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "statements per model call (pg_stat_statements, HTTP 16 clients; calls per request, statement):"
sed 's/^/  /' "$WORK/statements.txt"
echo
echo "CPU ms per request (transaction) in the measured window: load = MeteringLoad or pgbench;"
echo "service = the service JVM; PostgreSQL = postmaster and every backend."
printf '| %-34s | %9s | %8s | %8s | %13s | %7s | %7s | %7s |\n' "case" "req/s" "p50 ms" "p99 ms" "ratio (a)/(b)" \
  "load" "service" "PG"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "-----------" "----------" "----------" \
  "---------------" "---------" "---------" "---------"
row() { printf '| %-34s | %9s | %8s | %8s | %13s | %7s | %7s | %7s |\n' "$1" "${RPS[$2]}" "${P50[$2]}" "${P99[$2]}" \
  "$3" "${CPU_LOAD[$2]}" "${CPU_APP[$2]}" "${CPU_PG[$2]}"; }
row "(a) HTTP, 1,000 users, 16 clients" http16 "$(ratio "${RPS[http16]}" "${RPS[pgbench16]}")"
row "(b) pgbench, 1,000 users, 16" pgbench16 ""
if [ "$CASES" = all ]; then
  row "(a) HTTP, 1,000 users, 64 clients" http64 "$(ratio "${RPS[http64]}" "${RPS[pgbench64]}")"
  row "(b) pgbench, 1,000 users, 64" pgbench64 ""
  row "(c) HTTP, 1 hot user, 32 clients" hot32 "$(ratio "${RPS[hot32]}" "${RPS[pghot32]}")"
  row "(c) pgbench, 1 hot user, 32" pghot32 ""
fi
echo
echo "model calls stored: $(psql -qAtX -c 'SELECT count(*) FROM model_calls')"
bench_stop_app
echo "verify-ledger:"
DATABASE_URL="$DATABASE_URL" java -jar "$JAR" verify-ledger | tail -3
