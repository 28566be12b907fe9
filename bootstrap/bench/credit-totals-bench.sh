#!/usr/bin/env bash
# Credit totals (docs/analytics.md "Credit views", docs/performance.md "Credit totals"): the cost of the /credit/balance and /info totals
# read for users whose ledgers hold 1,000, 100,000 and 1,000,000 entries, before (a sum and a count
# over the user's positive entries on every read) and after (maintained columns on the user's row,
# migration V56). Prints the execution time (best of 5, EXPLAIN ANALYZE) and shared buffers touched.
#
# Usage: bootstrap/bench/credit-totals-bench.sh   (no jar needed: applies the migrations with psql)
# Starts a throw-away PostgreSQL cluster on a random port; everything is removed at the end.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bench_init
bench_start_pg
MIG="$ROOT/adapters-persistence/src/main/resources/db/migration"
for f in V1__users_accounts_tokens_ledger.sql V3__holds.sql; do
  psql -q -v ON_ERROR_STOP=1 -f "$MIG/$f" >/dev/null
done
for n in 1000 100000 1000000; do
  psql -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO users (id, email, credits_balance, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-$(printf %012d $n)', 'u$n@example.com', 0, now(), now());
-- half grants, half debits; balance_after is not checked here
INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
SELECT '00000000-0000-0000-0000-$(printf %012d $n)', CASE WHEN i % 2 = 0 THEN 5 ELSE -5 END, 0,
       CASE WHEN i % 2 = 0 THEN 'purchase' ELSE 'usage' END, 'bench', 'b-' || i, now()
FROM generate_series(1, $n) i;
SQL
done
# the history exists before V56, whose backfill computes the maintained totals (bulk inserts of many
# grants for one user in one statement would each update the user's row)
START=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 -f "$MIG/V56__users_grant_totals.sql" >/dev/null
echo "V56 backfill over $(psql -At -c 'SELECT count(*) FROM credit_ledger') entries: $(python3 -c "import time; print(round(time.time() - $START, 1))") s"
psql -q -c 'VACUUM ANALYZE' >/dev/null
OLD="SELECT u.credits_balance,
 (SELECT coalesce(sum(delta), 0) FROM credit_ledger WHERE user_id = u.id AND delta > 0) AS total,
 (SELECT count(*) FROM credit_ledger WHERE user_id = u.id AND delta > 0) AS grant_count,
 (SELECT coalesce(sum(amount), 0) FROM holds WHERE user_id = u.id AND status = 'open') AS pending
 FROM users u WHERE u.id = '@U@'"
NEW="SELECT u.credits_balance, u.credits_granted AS total, u.grant_count,
 (SELECT coalesce(sum(amount), 0) FROM holds WHERE user_id = u.id AND status = 'open') AS pending
 FROM users u WHERE u.id = '@U@'"
printf '%-10s %-6s %12s %10s  %s\n' entries query best_ms buffers "total / grantCount"
for n in 1000 100000 1000000; do
  u="00000000-0000-0000-0000-$(printf %012d $n)"
  for q in old new; do
    sql=$OLD; [ $q = new ] && sql=$NEW
    sql=${sql//@U@/$u}
    best=999999; bufs=0
    for i in 1 2 3 4 5; do
      out=$(psql -At -c "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) $sql" | python3 -c '
import json,sys
p=json.load(sys.stdin)[0]
def b(n): return n.get("Shared Hit Blocks",0)+n.get("Shared Read Blocks",0)
print(p["Execution Time"], b(p["Plan"]))')
      t=${out% *}; bb=${out#* }
      if python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; bufs=$bb; fi
    done
    res=$(psql -At -F ' / ' -c "SELECT total, grant_count FROM ($sql) x")
    printf '%-10s %-6s %12.3f %10s  %s\n' $n $q $best $bufs "$res"
  done
done
