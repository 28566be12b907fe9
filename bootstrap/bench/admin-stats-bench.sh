#!/usr/bin/env bash
# Admin statistics over all users (issue 5 benchmark): 10,000,000 model calls across 1,000 users
# over 90 days; GET /api/user/admin/user-stats for 30 and 90 days against the direct GROUP BY over
# model_calls for the same range (the endpoint reads model_calls directly, so it is complete).
#
# Usage: bootstrap/bench/admin-stats-bench.sh [rows] [users]   (defaults 10000000 1000; builds the jar if missing)
# Starts a throw-away PostgreSQL cluster and the service jar; everything is removed at the end.
set -euo pipefail
ROWS=${1:-10000000}
USERS=${2:-1000}
. "$(dirname "$0")/lib.sh"
bench_init
bench_build_jar
bench_start_pg work_mem=64MB max_wal_size=4GB
SECRET=bench-auth-secret-0123456789abcdef0123
ADAPTER=bench-adapter-secret-0123456789abcdef
bench_start_app AUTH_SECRET=$SECRET ADAPTER_SECRET=$ADAPTER ADMIN_EMAILS=admin@example.com
ADMIN_ID=$(curl -sf -X POST -H "X-Adapter-Secret: $ADAPTER" -H 'Content-Type: application/json' \
  -d '{"email":"admin@example.com"}' "http://127.0.0.1:$APPPORT/api/internal/auth/users" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "admin $ADMIN_ID; creating $USERS users and $ROWS model calls over 90 days..."
START=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 <<SQL
-- Users without ledger entries and a zero balance satisfy the ledger invariant.
INSERT INTO users (id, email, created_at, updated_at)
SELECT gen_random_uuid(), 'user' || g || '@example.com', now() - interval '100 days', now()
FROM generate_series(1, $USERS) g;
CREATE TEMP TABLE bench_users AS SELECT row_number() OVER () AS n, id FROM users WHERE email LIKE 'user%';
INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type, status, input_tokens, output_tokens,
                         total_usage, credits, duration_ms, request_id, call_time, created_at)
SELECT u.id, gen_random_uuid(), 'app-' || (g % 3), 'openai', 'model-' || (g % 6),
       (ARRAY['chatCompletion','embedding','imageGeneration'])[1 + g % 3],
       CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'success' END,
       g % 1000, g % 500, g % 1500, g % 40, g % 5000, 'req-' || g,
       now() - (90 * 86400 * random()) * interval '1 second', now()
FROM generate_series(1, $ROWS) g JOIN bench_users u ON u.n = 1 + g % $USERS;
ANALYZE model_calls;
SQL
echo "generated in $(python3 -c "import time; print(round(time.time() - $START, 1))") s"
python3 - "$APPPORT" "$SECRET" "$ADMIN_ID" <<'PY'
import base64, hashlib, hmac, json, statistics, subprocess, sys, time, urllib.request
port, secret, user = sys.argv[1], sys.argv[2], sys.argv[3]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"sub": user, "iat": now, "exp": now + 7200}).encode())
token = f"{head}.{body}." + b64(hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())

def get(path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": "Bearer " + token})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        data = json.loads(r.read())
    return (time.perf_counter() - t) * 1000, data

def direct_ms(start, end):
    sql = ("EXPLAIN (ANALYZE, FORMAT JSON) SELECT date_trunc('day', call_time), provider_id, model, type, count(*),"
           " count(*) FILTER (WHERE status = 'success'), sum(total_usage), sum(credits) FROM model_calls"
           f" WHERE call_time >= to_timestamp({start}) AND call_time < to_timestamp({end + 1}) GROUP BY 1, 2, 3, 4")
    plan = json.loads(subprocess.run(["psql", "-qAtX", "-c", sql], check=True, capture_output=True, text=True).stdout)
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]

rows = []
for days in (30, 90):
    start, end = now - days * 86400, now
    path = f"/api/user/admin/user-stats?startTime={start}&endTime={end}&timezone=Europe/Berlin"
    api, direct, calls = [], [], None
    for _ in range(5):
        ms, data = get(path)
        api.append(ms)
        calls = data["summary"]["totalCalls"]
        direct.append(direct_ms(start, end))
    expected = int(subprocess.run(["psql", "-qAtX", "-c",
        f"SELECT count(*) FROM model_calls WHERE call_time >= to_timestamp({start}) AND call_time < to_timestamp({end + 1})"],
        check=True, capture_output=True, text=True).stdout)
    rows.append((days, statistics.median(api), statistics.median(direct), calls, expected))

print("\n| range | admin/user-stats p50 | direct GROUP BY p50 | ratio | totalCalls (API / SQL) |")
print("|---|---|---|---|---|")
for days, api, direct, calls, expected in rows:
    print(f"| {days} days | {api:,.0f} ms | {direct:,.0f} ms | {api / direct:.2f} | {calls:,} / {expected:,} |")
PY
