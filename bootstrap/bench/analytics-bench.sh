#!/usr/bin/env bash
# Analytics benchmark (docs/performance.md "Analytics"): 1,000,000 model calls for one user over
# 90 days; /api/user/usage-stats for 30 and 90 days cold / warm vs the direct GROUP BY; a
# 10,000-row CSV export vs psql \copy of the same query.
#
# Usage: bootstrap/bench/analytics-bench.sh [rows]   (builds the jar if missing)
#   env: JIT_WARMUP_REQUESTS (2000): warm usage-stats and /api/users/me requests per period, unmeasured,
#        before the warm figures (the JVM compiles the path first, as in a running service)
# Starts a throw-away PostgreSQL cluster (pg_ctl, run as user postgres when invoked as root) and
# the service jar; everything is removed at the end.
set -euo pipefail
ROWS=${1:-1000000}
. "$(dirname "$0")/lib.sh"
bench_init
bench_build_jar
bench_start_pg work_mem=32MB
SECRET=bench-auth-secret-0123456789abcdef0123
ADAPTER=bench-adapter-secret-0123456789abcdef
bench_start_app AUTH_SECRET=$SECRET ADAPTER_SECRET=$ADAPTER EXPORT_MAX_ROWS=10000
USER_ID=$(curl -sf -X POST -H "X-Adapter-Secret: $ADAPTER" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com"}' "http://127.0.0.1:$APPPORT/api/internal/auth/users" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "user $USER_ID; generating $ROWS model calls over 90 days..."
START=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type, status, input_tokens, output_tokens,
                         total_usage, credits, duration_ms, request_id, call_time, created_at)
SELECT '$USER_ID', gen_random_uuid(), 'app-' || (g % 3), 'openai', 'model-' || (g % 6),
       (ARRAY['chatCompletion','embedding','imageGeneration'])[1 + g % 3],
       CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'success' END,
       g % 1000, g % 500, g % 1500, g % 40, g % 5000, 'req-' || g,
       now() - (90 * 86400 * random()) * interval '1 second', now()
FROM generate_series(1, $ROWS) g;
ANALYZE model_calls;
SQL
echo "generated in $(python3 -c "print(round($(date +%s.%N) - $START, 1))") s"
python3 "$HERE/analytics_bench.py" "$APPPORT" "$SECRET" "$USER_ID"
