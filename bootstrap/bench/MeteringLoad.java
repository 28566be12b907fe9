import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP load generator of bootstrap/bench/metering-bench.sh (docs/performance.md "Metering"); JDK 17
 * single-file program, loopback only.
 *
 * <pre>
 * java MeteringLoad.java users PORT ADAPTER_SECRET COUNT OUT_FILE
 *     creates COUNT users through POST /api/internal/auth/users (signup bonus included), ids to OUT_FILE
 * java MeteringLoad.java load PORT SERVICE_SECRET USERS_FILE CLIENTS WARMUP_S MEASURE_S LABEL
 *     CLIENTS threads send POST /api/internal/model-calls back to back (HTTP/1.1 keep-alive, one shared
 *     java.net.http client) for a random user of USERS_FILE; latencies of the MEASURE_S seconds after
 *     WARMUP_S seconds are kept. Prints: LABEL CLIENTS requests req/s p50_ms p99_ms errors
 * </pre>
 * Each call costs 1 credit (100 input + 20 output tokens on the default rate, minimum 1).
 */
public final class MeteringLoad {

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("users")) {
            users(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
        } else if (args.length == 8 && args[0].equals("load")) {
            load(Integer.parseInt(args[1]), args[2], Files.readAllLines(Path.of(args[3])), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7]);
        } else {
            System.err.println("usage: users PORT ADAPTER_SECRET COUNT OUT | load PORT SECRET USERS CLIENTS WARMUP MEASURE LABEL");
            System.exit(2);
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static void users(int port, String secret, int count, Path out) throws Exception {
        HttpClient http = client();
        String[] ids = new String[count];
        AtomicInteger next = new AtomicInteger();
        long run = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(start(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/internal/auth/users"))
                            .header("X-Adapter-Secret", secret).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-" + i + "-" + run + "@example.com\"}"))
                            .build();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("user creation answered " + r.statusCode() + ": " + r.body());
                        }
                        int at = r.body().indexOf("\"id\":\"");
                        ids[i] = r.body().substring(at + 6, at + 42);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        join(threads);
        for (String id : ids) {
            if (id == null) {
                throw new IllegalStateException("not all users were created");
            }
        }
        Files.write(out, Arrays.asList(ids));
    }

    static void load(int port, String secret, List<String> users, int clients, int warmupS, int measureS, String label)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/internal/model-calls");
        String[] bodies = users.stream().filter(u -> !u.isBlank()).map(u -> "{\"userId\":\"" + u.trim()
                + "\",\"model\":\"bench/model\",\"providerId\":\"bench\",\"appId\":\"bench\","
                + "\"usage\":{\"inputTokens\":100,\"outputTokens\":20},\"durationMs\":1200}").toArray(String[]::new);
        HttpClient http = client();
        long start = System.nanoTime();
        long measureFrom = start + warmupS * 1_000_000_000L;
        long end = measureFrom + measureS * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        StringBuilder firstError = new StringBuilder();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            threads.add(start(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                try {
                    go.await();
                    while (true) {
                        String body = bodies[ThreadLocalRandom.current().nextInt(bodies.length)];
                        HttpRequest req = HttpRequest.newBuilder(uri).header("X-Service-Secret", secret)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (r.statusCode() != 201) {
                            if (errors.getAndIncrement() == 0) {
                                synchronized (firstError) {
                                    firstError.append(r.statusCode()).append(' ').append(r.body());
                                }
                            }
                        } else if (t0 >= measureFrom && t1 <= end) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        firstError.append(e);
                    }
                }
                latencies[me] = lat;
                counts[me] = n;
            }));
        }
        go.countDown();
        join(threads);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        for (int c = 0, at = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        if (errors.get() > 0) {
            System.err.println(label + ": " + errors.get() + " errors, first: " + firstError);
        }
        System.out.printf("%s %d %d %.0f %.2f %.2f %d%n", label, clients, total, total / (double) measureS,
                percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, errors.get());
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }
}
