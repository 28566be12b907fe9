import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * java MeteringLoad.java load PORT SERVICE_SECRET USERS_FILE CLIENTS WARMUP_S MEASURE_S LABEL [SERVICE_PID [PG_PID]]
 *     CLIENTS threads send POST /api/internal/model-calls back to back for a random user of USERS_FILE
 *     (each request a new model call: no Idempotency-Key; the service gives every call its own id);
 *     latencies of the MEASURE_S seconds after WARMUP_S seconds are kept.
 *     Prints: LABEL CLIENTS requests req/s p50_ms p99_ms errors load_cpu_ms service_cpu_ms pg_cpu_ms
 *     where the last three are CPU milliseconds (user + system, from /proc) per measured request used
 *     during the measured seconds by this program, by process SERVICE_PID and by PostgreSQL
 *     (PG_PID, the postmaster, with all its backends, including ones that exited); "-" if not given.
 * </pre>
 * HTTP client (env LOAD_CLIENT): {@code socket} (default) — each thread keeps one HTTP/1.1 keep-alive
 * connection on a plain blocking socket, writes the complete request (request line, Host,
 * X-Service-Secret, Content-Type, Content-Length, JSON body; built once per user) and reads the
 * response's status line, headers and body (Content-Length or chunked); {@code jdk} — one shared
 * {@code java.net.http} client (HTTP/1.1), each thread calling {@code send} (about 0.7 ms of CPU per
 * request here, i.e. it competes with the service for the cores).
 * Each call costs 1 credit (100 input + 20 output tokens on the default rate, minimum 1).
 */
public final class MeteringLoad {

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("users")) {
            users(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
        } else if (args.length >= 8 && args.length <= 10 && args[0].equals("load")) {
            load(Integer.parseInt(args[1]), args[2], Files.readAllLines(Path.of(args[3])), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7],
                    args.length > 8 ? Long.parseLong(args[8]) : 0, args.length > 9 ? Long.parseLong(args[9]) : 0);
        } else {
            System.err.println("usage: users PORT ADAPTER_SECRET COUNT OUT | load PORT SECRET USERS CLIENTS WARMUP MEASURE LABEL"
                    + " [SERVICE_PID [PG_PID]]");
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

    /** One client thread's way of sending the request for {@code user} and returning the status. */
    interface Sender extends AutoCloseable {
        int send(int user) throws Exception;

        /** The body of the last answer (for the first error message). */
        String lastBody();

        @Override
        default void close() throws Exception {
        }
    }

    static void load(int port, String secret, List<String> users, int clients, int warmupS, int measureS, String label,
                     long servicePid, long pgPid) throws Exception {
        String[] bodies = users.stream().filter(u -> !u.isBlank()).map(u -> "{\"userId\":\"" + u.trim()
                + "\",\"model\":\"bench/model\",\"providerId\":\"bench\",\"appId\":\"bench\","
                + "\"usage\":{\"inputTokens\":100,\"outputTokens\":20},\"durationMs\":1200}").toArray(String[]::new);
        java.util.function.Supplier<Sender> senders = "jdk".equals(System.getenv("LOAD_CLIENT"))
                ? jdkSenders(port, secret, bodies) : socketSenders(port, secret, bodies);
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
                try (Sender sender = senders.get()) {
                    go.await();
                    while (true) {
                        int user = ThreadLocalRandom.current().nextInt(bodies.length);
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        int status = sender.send(user);
                        long t1 = System.nanoTime();
                        if (status != 201) {
                            if (errors.getAndIncrement() == 0) {
                                synchronized (firstError) {
                                    firstError.append(status).append(' ').append(sender.lastBody());
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
        // CPU of this program, the service and PostgreSQL over exactly the measured seconds.
        long[] cpuFrom = new long[3];
        long[] cpuTo = new long[3];
        Thread cpu = start(() -> {
            try {
                sleepUntil(measureFrom);
                cpuSample(cpuFrom, servicePid, pgPid);
                sleepUntil(end);
                cpuSample(cpuTo, servicePid, pgPid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        go.countDown();
        join(threads);
        cpu.join();
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
        String[] perRequest = new String[3];
        for (int i = 0; i < 3; i++) {
            boolean known = cpuFrom[i] >= 0 && cpuTo[i] >= 0 && total > 0;
            perRequest[i] = known ? String.format("%.3f", (cpuTo[i] - cpuFrom[i]) * MS_PER_TICK / total) : "-";
        }
        System.out.printf("%s %d %d %.0f %.2f %.2f %d %s %s %s%n", label, clients, total, total / (double) measureS,
                percentile(all, 50) / 1e6, percentile(all, 99) / 1e6, errors.get(), perRequest[0], perRequest[1],
                perRequest[2]);
    }

    /** Plain blocking sockets, one keep-alive connection per thread; requests built once per user. */
    static java.util.function.Supplier<Sender> socketSenders(int port, String secret, String[] bodies) {
        byte[][] requests = new byte[bodies.length][];
        for (int i = 0; i < bodies.length; i++) {
            byte[] body = bodies[i].getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/internal/model-calls HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nX-Service-Secret: " + secret + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            requests[i] = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, requests[i], h.length, body.length);
        }
        return () -> {
            try {
                return new SocketSender(port, requests);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** One HTTP/1.1 connection: writes a prepared request, reads the whole response. */
    static final class SocketSender implements Sender {
        private final int port;
        private final byte[][] requests;
        private Socket socket;
        private OutputStream out;
        private BufferedInputStream in;
        private final StringBuilder line = new StringBuilder(128);
        private byte[] body = new byte[512];
        private int bodyLength;

        SocketSender(int port, byte[][] requests) throws IOException {
            this.port = port;
            this.requests = requests;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        @Override
        public int send(int user) throws IOException {
            out.write(requests[user]);
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("unexpected status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h; !(h = readLine()).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true; // Grizzly ends a keep-alive connection after 256 requests
                }
            }
            bodyLength = 0;
            if (chunked) {
                for (int size; (size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) > 0; ) {
                    readBody(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                readBody((int) length);
            }
            if (close) {
                socket.close();
                connect();
            }
            return code;
        }

        private void readBody(int n) throws IOException {
            if (bodyLength + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
            }
            int got = in.readNBytes(body, bodyLength, n);
            if (got < n) {
                throw new IOException("the response body ended early");
            }
            bodyLength += n;
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("the service closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public String lastBody() {
            return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One shared {@code java.net.http} client; requests built once per user (they are immutable). */
    static java.util.function.Supplier<Sender> jdkSenders(int port, String secret, String[] bodies) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/internal/model-calls");
        HttpClient http = client();
        HttpRequest[] requests = Arrays.stream(bodies).map(b -> HttpRequest.newBuilder(uri)
                .header("X-Service-Secret", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(b)).build()).toArray(HttpRequest[]::new);
        return () -> new Sender() {
            private String last = "";

            @Override
            public int send(int user) throws Exception {
                HttpResponse<String> r = http.send(requests[user], HttpResponse.BodyHandlers.ofString());
                last = r.body();
                return r.statusCode();
            }

            @Override
            public String lastBody() {
                return last;
            }
        };
    }

    /** Milliseconds per clock tick of /proc/PID/stat (USER_HZ, 100 on Linux). */
    static final double MS_PER_TICK = 1000.0 / Long.getLong("clk.tck", 100);

    /** Fills {@code into} with CPU ticks of this process, the service and PostgreSQL (-1: unknown). */
    static void cpuSample(long[] into, long servicePid, long pgPid) {
        into[0] = ticks(ProcessHandle.current().pid(), false);
        into[1] = servicePid > 0 ? ticks(servicePid, false) : -1;
        if (pgPid > 0) {
            long t = ticks(pgPid, true);
            for (ProcessHandle child : ProcessHandle.of(pgPid).map(p -> p.children().toList()).orElse(List.of())) {
                long c = ticks(child.pid(), false);
                t += Math.max(c, 0);
            }
            into[2] = t;
        } else {
            into[2] = -1;
        }
    }

    /**
     * utime + stime of a process from /proc/PID/stat, plus cutime + cstime (children it has waited
     * for, e.g. PostgreSQL backends that exited) when {@code withReaped}; -1 if it is gone.
     */
    static long ticks(long pid, boolean withReaped) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
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
