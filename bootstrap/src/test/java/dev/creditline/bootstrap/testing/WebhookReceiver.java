package dev.creditline.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.creditline.persistence.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 for tests. It verifies every request independently of the
 * service's code, by the Standard Webhooks specification: {@code webhook-signature} holds
 * space-separated {@code v1,<base64>} signatures; one of them must equal the base64
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>} under the base64-decoded part of
 * the secret after {@code whsec_}; the timestamp must be within 5 minutes. It answers the queued
 * statuses first, then 200 (or {@link #answerAlways}); it records every request and how many
 * requests of one {@code webhook-id} were in flight at once.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** Tolerance of the Standard Webhooks libraries for {@code webhook-timestamp}. */
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request. */
    public record Received(String id, long timestamp, String signature, String body, boolean validSignature,
                           int answered, Instant at) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }
    }

    private final HttpServer server;
    private final int port;
    private volatile String secret;
    private final ConcurrentLinkedQueue<Integer> queued = new ConcurrentLinkedQueue<>();
    private volatile int always = 200;
    private volatile long delayMillis;
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlightPerId = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();

    private WebhookReceiver(String secret, int port) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "test-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            AtomicInteger now = inFlight.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger());
            maxInFlightPerId.accumulateAndGet(now.incrementAndGet(), Math::max);
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis); // real time: a slow receiver, against the sender's HTTP timeout and lease
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
                open.decrementAndGet();
            }
            Integer next = queued.poll();
            int status = next != null ? next : always;
            long timestamp = parse(ts);
            received.add(new Received(id, timestamp, sig, body, verify(this.secret, id, ts, sig, body), status,
                    Instant.now()));
            // A fresh connection per attempt: a reused keep-alive connection the server already
            // closed fails one attempt before it reaches the receiver, which tests counting attempts
            // cannot tell from a retry.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        this.port = server.getAddress().getPort();
    }

    /** A receiver on a free port verifying with {@code secret}. */
    public static WebhookReceiver start(String secret) {
        return new WebhookReceiver(secret, 0);
    }

    /** A receiver on {@code port} (e.g. a receiver back up after being down). */
    public static WebhookReceiver startOn(int port, String secret) {
        return new WebhookReceiver(secret, port);
    }

    /** A fresh {@code whsec_} secret. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/webhooks";
    }

    public int port() {
        return port;
    }

    /** Verifies from now on with {@code secret}. */
    public void verifyWith(String secret) {
        this.secret = secret;
    }

    /** The next answers, in order (then {@link #answerAlways}'s status). */
    public void answer(int... statuses) {
        for (int s : statuses) {
            queued.add(s);
        }
    }

    public void answerAlways(int status) {
        this.always = status;
    }

    public void delay(Duration d) {
        this.delayMillis = d.toMillis();
    }

    /** Every request so far. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests matching {@code filter}. */
    public List<Received> received(Predicate<Received> filter) {
        return received().stream().filter(filter).toList();
    }

    /** The most requests of one webhook-id that were in flight at the same moment. */
    public int maxInFlightPerId() {
        return maxInFlightPerId.get();
    }

    /** Waits up to {@code timeout} for {@code condition} on the received requests. */
    public boolean await(Duration timeout, Predicate<List<Received>> condition) {
        return Eventually.holdsWithin(timeout, () -> condition.test(received()));
    }

    /** The most requests (of any webhook-id) this receiver was answering at the same moment. */
    public int maxInFlight() {
        return maxOpen.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** The Standard Webhooks verification, written from the specification. */
    public static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long ts = parse(timestamp);
        if (ts < 0 || Math.abs(Instant.now().getEpochSecond() - ts) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected;
        try {
            String prefix = "whsec_";
            byte[] key = Base64.getDecoder().decode(secret.startsWith(prefix) ? secret.substring(prefix.length()) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
        for (String versioned : signatureHeader.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                continue;
            }
            try {
                byte[] given = Base64.getDecoder().decode(versioned.substring(comma + 1));
                if (MessageDigest.isEqual(given, expected)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not base64: not a match
            }
        }
        return false;
    }

    private static long parse(String ts) {
        try {
            return ts == null ? -1 : Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
