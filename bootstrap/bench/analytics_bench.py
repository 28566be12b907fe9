"""Timings for analytics-bench.sh: usage-stats cold/warm vs direct GROUP BY; export vs \\copy."""
import base64, hashlib, hmac, http.client, json, os, statistics, subprocess, sys, time, urllib.request

port, secret, user = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


now = int(time.time())
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"sub": user, "iat": now, "exp": now + 7200}).encode())
sig = b64(hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
token = f"{head}.{body}.{sig}"


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=300) as r:
        data = r.read()
    return (time.perf_counter() - t) * 1000, data


conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=300)


def kget(path):
    """GET over one kept-alive connection (what a browser or proxy does): the server's time."""
    t = time.perf_counter()
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = conn.getresponse()
    data = r.read()
    return (time.perf_counter() - t) * 1000, data


def psql(sql):
    return subprocess.run(["psql", "-qAtX", "-c", sql], check=True, capture_output=True, text=True).stdout


def direct_ms(start, end):
    sql = ("EXPLAIN (ANALYZE, FORMAT JSON) SELECT date_trunc('day', call_time), provider_id, model, type, count(*),"
           " count(*) FILTER (WHERE status = 'success'), sum(total_usage), sum(credits) FROM model_calls"
           f" WHERE user_id = '{user}' AND call_time >= to_timestamp({start})"
           f" AND call_time < to_timestamp({end + 1}) GROUP BY 1, 2, 3, 4")
    plan = json.loads(psql(sql))
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


JIT_WARMUP = int(os.environ.get("JIT_WARMUP_REQUESTS", "2000"))


def p50(xs):
    return statistics.median(xs)


print("\n## Analytics benchmark")
for days in (30, 90):
    end = now
    start = end - days * 86400
    path = f"/api/user/usage-stats?startTime={start}&endTime={end}&timezone=Europe/Berlin"
    cold = []
    for _ in range(5):
        psql(f"DELETE FROM model_call_stat_periods WHERE user_id = '{user}'")
        cold.append(get(path)[0])
    # JIT and plan caches of this path: a running service has compiled it long ago. Without this
    # the JVM still interprets most of the request (GET /api/users/me: ~4 ms for its first 100
    # requests, 0.4-0.55 ms after 5,000).
    for _ in range(JIT_WARMUP):
        kget(path)
        kget("/api/users/me")
    # interleaved, so that load from elsewhere on the machine hits all measures alike
    warm, warm_new, me, direct = [], [], [], []
    for _ in range(10):
        warm += [kget(path)[0] for _ in range(5)]
        warm_new += [get(path)[0] for _ in range(5)]
        me += [kget("/api/users/me")[0] for _ in range(2)]
        direct.append(direct_ms(start, end))
    print(f"{days}-day usage-stats: cold p50 {p50(cold):.1f} ms; warm p50 {p50(warm):.2f} ms kept-alive"
          f" ({p50(warm_new):.2f} ms with a new connection per request; GET /api/users/me {p50(me):.2f} ms);"
          f" direct GROUP BY p50 {p50(direct):.1f} ms (one period; usage-stats also reads the previous one);"
          f" direct/warm = {p50(direct) / p50(warm):.0f}x ({p50(direct) / p50(warm_new):.0f}x new connection),"
          f" cold/direct = {p50(cold) / p50(direct):.2f}")

copy_sql = ("\\copy (SELECT c.call_time, c.request_id, c.user_id, u.name, u.email, c.model, c.provider_id, c.type,"
            " c.status, c.input_tokens, c.output_tokens, c.total_usage, c.credits, c.duration_ms / 1000.0, c.app_id,"
            f" c.error_reason FROM model_calls c JOIN users u ON u.id = c.user_id WHERE c.user_id = '{user}'"
            " ORDER BY c.call_time DESC, c.id DESC LIMIT 10000) TO STDOUT WITH CSV HEADER")
rows = get("/api/user/model-calls/export")[1].count(b"\r\n") - 1
exp, exp_ka, cp, ps = [], [], [], []
for _ in range(7):
    exp.append(get("/api/user/model-calls/export")[0])
    exp_ka.append(kget("/api/user/model-calls/export")[0])
    t = time.perf_counter()
    subprocess.run(["psql", "-qAtX", "-c", copy_sql], check=True, stdout=subprocess.DEVNULL)
    cp.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    subprocess.run(["psql", "-qAtX", "-c", "SELECT 1"], check=True, stdout=subprocess.DEVNULL)
    ps.append((time.perf_counter() - t) * 1000)
print(f"export {rows} rows: p50 {p50(exp):.1f} ms ({p50(exp_ka):.1f} ms kept-alive); psql \\copy ... TO STDOUT"
      f" p50 {p50(cp):.1f} ms (psql start + connect alone: {p50(ps):.1f} ms); ratio {p50(exp) / p50(cp):.2f}")
