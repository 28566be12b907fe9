import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mixed load of bootstrap/bench/pgbouncer-check.sh (docs/operations.md "PgBouncer"): JDK 17
 * single-file program, loopback only, bounded in time.
 *
 * <pre>
 * java MixedLoad.java PORTS SERVICE_SECRET AUTH_SECRET WEBHOOK_SECRET USERS_FILE CLIENTS SECONDS
 * </pre>
 * PORTS is a comma-separated list of service instances; every client thread sends each request to
 * the next instance in turn, so consecutive steps of one flow (hold then capture, event then
 * redelivery, key then replay) land on different instances. Operations, picked at random:
 * <ul>
 *   <li>{@code model-call} (35 %): POST /api/internal/model-calls with a new Idempotency-Key → 201;</li>
 *   <li>{@code model-call-replay} (10 %): the same request and key again, on another instance → 201
 *       with the same body (the call is recorded once);</li>
 *   <li>{@code hold} (15 %): POST /api/internal/holds (Idempotency-Key) → 201, then capture of part of
 *       it on another instance → 200 ({@code hold-capture});</li>
 *   <li>{@code webhook} (10 %): a signed {@code checkout.session.completed} for a credit pack → 200, then
 *       the same event redelivered to another instance → 200 ({@code webhook-redelivery}; granted once);</li>
 *   <li>{@code usage-stats} (15 %) and {@code model-calls} (15 %): bearer (HS256) reads of
 *       /api/user/usage-stats (last 24 h) and /api/user/model-calls → 200.</li>
 * </ul>
 * Prints one line per operation ({@code op requests errors 5xx mean_ms}) and a total line
 * ({@code total requests req/s errors 5xx}); the first unexpected answer of each operation goes to stderr.
 */
public final class MixedLoad {

    private static final Map<String, AtomicLong[]> STATS = new ConcurrentHashMap<>();
    private static final Map<String, String> FIRST_ERROR = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: PORTS SERVICE_SECRET AUTH_SECRET WEBHOOK_SECRET USERS_FILE CLIENTS SECONDS");
            System.exit(2);
        }
        int[] ports = java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        String service = args[1];
        String auth = args[2];
        String webhook = args[3];
        List<String> users = Files.readAllLines(Path.of(args[4])).stream().filter(s -> !s.isBlank()).toList();
        int clients = Integer.parseInt(args[5]);
        long end = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                Client client = new Client(http, ports, offset, service, auth, webhook, users);
                while (System.nanoTime() < end) {
                    client.step();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = 0;
        long errors = 0;
        long serverErrors = 0;
        for (Map.Entry<String, AtomicLong[]> e : new TreeMap<>(STATS).entrySet()) {
            AtomicLong[] s = e.getValue();
            System.out.printf("%s %d %d %d %.1f%n", e.getKey(), s[0].get(), s[1].get(), s[2].get(),
                    s[3].get() / 1e6 / Math.max(1, s[0].get()));
            total += s[0].get();
            errors += s[1].get();
            serverErrors += s[2].get();
        }
        System.out.printf("total %d %.0f %d %d%n", total, total / seconds, errors, serverErrors);
        FIRST_ERROR.forEach((op, msg) -> System.err.println("first unexpected answer of " + op + ": " + msg));
    }

    private static final class Client {
        private final HttpClient http;
        private final int[] ports;
        private int next;
        private final String service;
        private final String auth;
        private final String webhook;
        private final List<String> users;
        private String lastKey;
        private String lastBody;
        private String lastAnswer;

        Client(HttpClient http, int[] ports, int offset, String service, String auth, String webhook,
               List<String> users) {
            this.http = http;
            this.ports = ports;
            this.next = offset;
            this.service = service;
            this.auth = auth;
            this.webhook = webhook;
            this.users = users;
        }

        void step() {
            String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            int r = ThreadLocalRandom.current().nextInt(100);
            if (r < 35 || (r < 45 && lastKey == null)) {
                lastKey = UUID.randomUUID().toString();
                lastBody = "{\"userId\":\"" + user + "\",\"model\":\"bench/model\",\"providerId\":\"bench\","
                        + "\"appId\":\"bench\",\"usage\":{\"inputTokens\":100,\"outputTokens\":20},\"durationMs\":900}";
                HttpResponse<String> a = send("model-call", 201, internal("/api/internal/model-calls", lastBody)
                        .header("Idempotency-Key", lastKey));
                lastAnswer = a == null ? null : a.body();
            } else if (r < 45) {
                HttpResponse<String> a = send("model-call-replay", 201,
                        internal("/api/internal/model-calls", lastBody).header("Idempotency-Key", lastKey));
                if (a != null && lastAnswer != null && !a.body().equals(lastAnswer)) {
                    fail("model-call-replay", "a replay answered a different body: " + a.body());
                }
            } else if (r < 60) {
                HttpResponse<String> a = send("hold", 201, internal("/api/internal/holds", "{\"userId\":\"" + user
                        + "\",\"amount\":50,\"ttlSeconds\":120}").header("Idempotency-Key", UUID.randomUUID().toString()));
                if (a != null) {
                    String hold = field(a.body(), "holdId");
                    send("hold-capture", 200, internal("/api/internal/holds/" + hold + "/capture",
                            "{\"userId\":\"" + user + "\",\"amount\":20}"));
                }
            } else if (r < 70) {
                String event = checkoutCompleted(user);
                String signature = signature(event);
                send("webhook", 200, webhook(event, signature));
                send("webhook-redelivery", 200, webhook(event, signature));
            } else if (r < 85) {
                long now = System.currentTimeMillis() / 1000;
                send("usage-stats", 200, bearer("/api/user/usage-stats?startTime=" + (now - 86_400) + "&endTime=" + now,
                        user));
            } else {
                send("model-calls", 200, bearer("/api/user/model-calls?pageSize=20", user));
            }
        }

        private URI uri(String path) {
            int port = ports[next++ % ports.length];
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpRequest.Builder internal(String path, String body) {
            return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("X-Service-Secret", service).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }

        private HttpRequest.Builder bearer(String path, String user) {
            return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token(user)).GET();
        }

        private HttpRequest.Builder webhook(String event, String signature) {
            return HttpRequest.newBuilder(uri("/api/billing/webhook")).timeout(Duration.ofSeconds(30))
                    .header("Stripe-Signature", signature).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event));
        }

        private HttpResponse<String> send(String op, int expected, HttpRequest.Builder request) {
            AtomicLong[] s = STATS.computeIfAbsent(op, k -> new AtomicLong[]{new AtomicLong(), new AtomicLong(),
                    new AtomicLong(), new AtomicLong()});
            s[0].incrementAndGet();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> a = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                s[3].addAndGet(System.nanoTime() - t0);
                if (a.statusCode() == expected) {
                    return a;
                }
                s[1].incrementAndGet();
                if (a.statusCode() >= 500) {
                    s[2].incrementAndGet();
                }
                FIRST_ERROR.putIfAbsent(op, a.statusCode() + " " + a.body());
            } catch (Exception e) {
                s[1].incrementAndGet();
                FIRST_ERROR.putIfAbsent(op, e.toString());
            }
            return null;
        }

        private void fail(String op, String message) {
            STATS.get(op)[1].incrementAndGet();
            FIRST_ERROR.putIfAbsent(op, message);
        }

        private String checkoutCompleted(String user) {
            String session = "cs_bench_" + UUID.randomUUID().toString().replace("-", "");
            long now = System.currentTimeMillis() / 1000;
            return "{\"id\":\"evt_bench_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\","
                    + "\"api_version\":\"2026-07-29.dahlia\",\"created\":" + now + ",\"data\":{\"object\":{\"id\":\""
                    + session + "\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"complete\","
                    + "\"payment_status\":\"paid\",\"client_reference_id\":\"" + user + "\",\"payment_intent\":\"pi_"
                    + session.substring(9) + "\",\"amount_total\":500,\"currency\":\"usd\",\"subscription\":null,"
                    + "\"metadata\":{\"credits\":\"100\",\"pack_id\":\"starter\",\"user_id\":\"" + user + "\"}}},"
                    + "\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},"
                    + "\"type\":\"checkout.session.completed\"}";
        }

        private String signature(String payload) {
            long t = System.currentTimeMillis() / 1000;
            return "t=" + t + ",v1=" + hex(hmac(webhook, t + "." + payload));
        }

        private String token(String user) {
            long now = System.currentTimeMillis() / 1000;
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"sub\":\"" + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                    + "}").getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + b64.encodeToString(hmac(auth, header + "." + claims));
        }
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
