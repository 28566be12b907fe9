package dev.creditline.stripe.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Stripe API, enough for {@code StripePaymentGateway}: listens on
 * {@code 127.0.0.1} on a random port; point stripe-java at {@link #baseUrl()}
 * ({@code STRIPE_API_BASE}). Tests never reach the internet.
 *
 * <p>Answers, shaped from Stripe's published fixtures ({@link StripeFixtures}):
 * <ul>
 *   <li>{@code POST /v1/customers} → a customer {@code cus_stub_<n>} with the sent email and metadata</li>
 *   <li>{@code POST /v1/checkout/sessions} → an open, unpaid session {@code cs_test_stub_<n>} with
 *       the sent mode, customer, client reference, metadata and URLs, expiring in 24 h</li>
 *   <li>{@code GET /v1/checkout/sessions/{id}} → that session (404 {@code resource_missing} if unknown);
 *       see {@link #completeCheckoutSession} and {@link #expireCheckoutSession}</li>
 *   <li>{@code POST /v1/billing_portal/sessions} → a portal session with a URL</li>
 *   <li>{@code POST /v1/subscriptions/{id}} → the active subscription with the sent
 *       {@code cancel_at_period_end}; its period end (on the item, dahlia style) is
 *       {@link #subscriptionPeriodEnd(Instant)}, and {@code cancel_at} equals it when cancelling</li>
 *   <li>{@code DELETE /v1/subscriptions/{id}} → the subscription, {@code status=canceled}</li>
 *   <li>{@code POST /v1/payment_intents} → a PaymentIntent {@code pi_stub_<n>} with the sent amount,
 *       currency, customer, payment method and metadata, status {@code succeeded} unless
 *       {@link #nextPaymentIntentStatus} queued another</li>
 *   <li>{@code POST /v1/checkout/sessions/{id}/expire} → the session, {@code status=expired}; 400 if it is
 *       not open, 404 if unknown</li>
 * </ul>
 *
 * <p>Every request is recorded ({@link #requests()}): method, path, form or query parameters
 * decoded as stripe-java flattens them ({@code metadata[credits]}, {@code line_items[0][price]}),
 * the {@code Idempotency-Key} and the {@code Authorization} header. Like Stripe, a repeated
 * idempotency key with the same parameters replays the first answer
 * ({@code Idempotent-Replayed: true}) and with different parameters answers 400
 * {@code idempotency_error}. Failures can be queued ({@link #failNext}) or made permanent
 * ({@link #failAlways}); failed answers are not remembered for replay.
 *
 * <p>Thread-safe; requests are handled one at a time.
 */
public final class StripeStub implements AutoCloseable {

    /**
     * A failure the stub answers instead of the normal result, as Stripe shapes errors:
     * {@code {"error":{"type":..., "code":..., "message":...}}}.
     *
     * @param status      HTTP status, e.g. 500 or 402
     * @param type        Stripe error type, e.g. {@code api_error}, {@code card_error}
     * @param code        Stripe error code, e.g. {@code card_declined}, or {@code null}
     * @param message     human message
     * @param shouldRetry value of the {@code Stripe-Should-Retry} header, or {@code null} for none
     */
    public record Failure(int status, String type, String code, String message, Boolean shouldRetry) {

        /** HTTP 500 {@code api_error}, no retry hint. */
        public static Failure serverError() {
            return new Failure(500, "api_error", null, "An unknown error occurred", null);
        }

        /** HTTP 402 {@code card_error} {@code card_declined}. */
        public static Failure cardDeclined() {
            return new Failure(402, "card_error", "card_declined", "Your card was declined.", false);
        }

        /** HTTP 404 {@code invalid_request_error} {@code resource_missing}. */
        public static Failure resourceMissing(String what) {
            return new Failure(404, "invalid_request_error", "resource_missing", "No such " + what, false);
        }

        /** HTTP 401 {@code invalid_request_error} naming a (masked) key, as Stripe does. */
        public static Failure invalidApiKey(String keyAsShown) {
            return new Failure(401, "invalid_request_error", null, "Invalid API Key provided: " + keyAsShown, false);
        }

        /** The same failure with a {@code Stripe-Should-Retry} header. */
        public Failure withShouldRetry(boolean retry) {
            return new Failure(status, type, code, message, retry);
        }
    }

    /**
     * One request as the stub received it.
     *
     * @param method         HTTP method
     * @param path           path, e.g. {@code /v1/checkout/sessions}
     * @param params         form body and query parameters, decoded, keys as stripe-java
     *                       flattens them ({@code metadata[credits]})
     * @param idempotencyKey the {@code Idempotency-Key} header or {@code null}
     * @param authorization  the {@code Authorization} header ({@code Bearer <key>})
     * @param body           the raw form body
     */
    public record RecordedRequest(String method, String path, Map<String, String> params,
                                  String idempotencyKey, String authorization, String body) {
        /** A decoded parameter such as {@code metadata[credits]}, or {@code null}. */
        public String param(String name) {
            return params.get(name);
        }
    }

    private record Answer(int status, String body, Map<String, String> headers) {
    }

    private record Remembered(String method, String path, String body, Answer answer) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<Failure> queuedFailures = new ArrayDeque<>();
    private final Deque<Answer> queuedAnswers = new ArrayDeque<>();
    private final Map<String, JsonObject> checkoutSessions = new HashMap<>();
    private final Map<String, Remembered> idempotent = new HashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Deque<String> paymentIntentStatuses = new ArrayDeque<>();
    private Failure permanentFailure;
    private Instant subscriptionPeriodEnd;

    private StripeStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a stub on {@code 127.0.0.1} and a free port.
     *
     * @return the running stub; close it after the test
     */
    public static StripeStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "stripe-stub");
                t.setDaemon(true);
                return t;
            });
            StripeStub stub = new StripeStub(server, executor);
            server.createContext("/", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Stripe stub", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, for {@code StripeClient.builder().setApiBase(...)}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** All requests so far, oldest first (a copy). */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Requests with this method and exact path. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** The last request; fails if there was none. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the Stripe stub received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Answers the next request with this failure (queued, first in first out). */
    public void failNext(Failure failure) {
        synchronized (lock) {
            queuedFailures.add(failure);
        }
    }

    /** Answers every request with this failure until {@link #reset()} or {@code failAlways(null)}. */
    public void failAlways(Failure failure) {
        synchronized (lock) {
            permanentFailure = failure;
        }
    }

    /** Answers the next request with exactly this status and raw body (e.g. unreadable JSON). */
    public void answerNext(int status, String rawBody) {
        synchronized (lock) {
            queuedAnswers.add(new Answer(status, rawBody, Map.of()));
        }
    }

    /** Period end reported for subscriptions (default: 30 days after the request). */
    public void subscriptionPeriodEnd(Instant periodEnd) {
        synchronized (lock) {
            subscriptionPeriodEnd = periodEnd;
        }
    }

    /**
     * The status of the next PaymentIntent created ({@code POST /v1/payment_intents}, queued; default
     * {@code succeeded}); {@code requires_action} comes with {@code next_action.redirect_to_url.url}.
     */
    public void nextPaymentIntentStatus(String status) {
        synchronized (lock) {
            paymentIntentStatuses.add(status);
        }
    }

    /** Marks a created session {@code complete} with this payment status. */
    public void completeCheckoutSession(String sessionId, String paymentStatus) {
        updateSession(sessionId, "complete", paymentStatus);
    }

    /** Marks a created session {@code expired}. */
    public void expireCheckoutSession(String sessionId) {
        updateSession(sessionId, "expired", null);
    }

    /** Forgets requests, failures, sessions, remembered idempotency keys and settings. */
    public void reset() {
        synchronized (lock) {
            requests.clear();
            queuedFailures.clear();
            queuedAnswers.clear();
            checkoutSessions.clear();
            idempotent.clear();
            paymentIntentStatuses.clear();
            permanentFailure = null;
            subscriptionPeriodEnd = null;
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void updateSession(String sessionId, String status, String paymentStatus) {
        synchronized (lock) {
            JsonObject session = checkoutSessions.get(sessionId);
            if (session == null) {
                throw new IllegalArgumentException("unknown session " + sessionId);
            }
            session.addProperty("status", status);
            if (paymentStatus != null) {
                session.addProperty("payment_status", paymentStatus);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = decodeForm(body);
            params.putAll(decodeForm(query));
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            RecordedRequest recorded = new RecordedRequest(method, path, Collections.unmodifiableMap(params),
                    idempotencyKey, exchange.getRequestHeaders().getFirst("Authorization"), body);
            Answer answer;
            synchronized (lock) {
                requests.add(recorded);
                answer = answer(recorded);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Request-Id", "req_stub_" + sequence.incrementAndGet());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Decides the answer; called holding the lock. */
    private Answer answer(RecordedRequest r) {
        if (!queuedAnswers.isEmpty()) {
            return queuedAnswers.poll();
        }
        Failure failure = !queuedFailures.isEmpty() ? queuedFailures.poll() : permanentFailure;
        if (failure != null) {
            return error(failure);
        }
        String memoryKey = r.idempotencyKey() == null ? null : r.idempotencyKey();
        if (memoryKey != null && idempotent.containsKey(memoryKey)) {
            Remembered first = idempotent.get(memoryKey);
            if (!first.method().equals(r.method()) || !first.path().equals(r.path()) || !first.body().equals(r.body())) {
                return error(new Failure(400, "idempotency_error", null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                        false));
            }
            Map<String, String> headers = new HashMap<>(first.answer().headers());
            headers.put("Idempotent-Replayed", "true");
            return new Answer(first.answer().status(), first.answer().body(), headers);
        }
        Answer answer = route(r);
        if (memoryKey != null && answer.status() < 400) {
            idempotent.put(memoryKey, new Remembered(r.method(), r.path(), r.body(), answer));
        }
        return answer;
    }

    private Answer route(RecordedRequest r) {
        String m = r.method();
        String p = r.path();
        if (m.equals("POST") && p.equals("/v1/customers")) {
            return ok(customer(r));
        }
        if (m.equals("POST") && p.equals("/v1/checkout/sessions")) {
            return ok(createCheckoutSession(r));
        }
        if (m.equals("POST") && p.startsWith("/v1/checkout/sessions/") && p.endsWith("/expire")) {
            String id = p.substring("/v1/checkout/sessions/".length(), p.length() - "/expire".length());
            JsonObject session = checkoutSessions.get(id);
            if (session == null) {
                return error(Failure.resourceMissing("checkout.session"));
            }
            if (!"open".equals(session.get("status").getAsString())) {
                return error(new Failure(400, "invalid_request_error", null,
                        "Only Checkout Sessions with a status in [\"open\"] can be expired.", false));
            }
            session.addProperty("status", "expired");
            return ok(session.deepCopy());
        }
        if (m.equals("GET") && p.startsWith("/v1/checkout/sessions/")) {
            JsonObject session = checkoutSessions.get(p.substring("/v1/checkout/sessions/".length()));
            return session == null ? error(Failure.resourceMissing("checkout.session")) : ok(session.deepCopy());
        }
        if (m.equals("POST") && p.equals("/v1/payment_intents")) {
            return ok(paymentIntent(r));
        }
        if (m.equals("POST") && p.equals("/v1/billing_portal/sessions")) {
            return ok(portalSession(r));
        }
        if (p.startsWith("/v1/subscriptions/") && p.indexOf('/', "/v1/subscriptions/".length()) < 0) {
            String id = p.substring("/v1/subscriptions/".length());
            if (m.equals("POST")) {
                return ok(subscription(id, "true".equals(r.param("cancel_at_period_end")), false));
            }
            if (m.equals("DELETE")) {
                return ok(subscription(id, false, true));
            }
        }
        return error(new Failure(404, "invalid_request_error", null,
                "Unrecognized request URL (" + m + ": " + p + ")", false));
    }

    private JsonObject customer(RecordedRequest r) {
        JsonObject c = StripeFixtures.customer();
        c.addProperty("id", "cus_stub_" + sequence.incrementAndGet());
        c.addProperty("created", Instant.now().getEpochSecond());
        putOrNull(c, "email", r.param("email"));
        c.add("metadata", prefixed(r.params(), "metadata"));
        return c;
    }

    private JsonObject createCheckoutSession(RecordedRequest r) {
        JsonObject s = StripeFixtures.checkoutSession();
        String id = "cs_test_stub_" + sequence.incrementAndGet();
        long now = Instant.now().getEpochSecond();
        s.addProperty("id", id);
        s.addProperty("created", now);
        s.addProperty("expires_at", now + Duration.ofHours(24).toSeconds());
        s.addProperty("url", "https://checkout.stripe.com/c/pay/" + id);
        s.addProperty("status", "open");
        s.addProperty("payment_status", "unpaid");
        putOrNull(s, "mode", r.param("mode"));
        putOrNull(s, "client_reference_id", r.param("client_reference_id"));
        putOrNull(s, "customer", r.param("customer"));
        putOrNull(s, "success_url", r.param("success_url"));
        putOrNull(s, "cancel_url", r.param("cancel_url"));
        s.add("metadata", prefixed(r.params(), "metadata"));
        s.add("payment_intent", JsonNull.INSTANCE);
        s.add("subscription", JsonNull.INSTANCE);
        checkoutSessions.put(id, s);
        return s.deepCopy();
    }

    private JsonObject paymentIntent(RecordedRequest r) {
        String status = paymentIntentStatuses.isEmpty() ? "succeeded" : paymentIntentStatuses.poll();
        JsonObject pi = new JsonObject();
        String id = "pi_stub_" + sequence.incrementAndGet();
        pi.addProperty("id", id);
        pi.addProperty("object", "payment_intent");
        pi.addProperty("amount", Long.parseLong(r.param("amount")));
        pi.addProperty("currency", r.param("currency"));
        pi.addProperty("created", Instant.now().getEpochSecond());
        pi.addProperty("livemode", false);
        pi.addProperty("status", status);
        putOrNull(pi, "customer", r.param("customer"));
        putOrNull(pi, "payment_method", r.param("payment_method"));
        pi.add("metadata", prefixed(r.params(), "metadata"));
        if ("requires_action".equals(status)) {
            JsonObject next = new JsonObject();
            next.addProperty("type", "redirect_to_url");
            JsonObject redirect = new JsonObject();
            redirect.addProperty("url", "https://hooks.stripe.com/3d_secure_2/authenticate/" + id);
            redirect.addProperty("return_url", r.param("return_url"));
            next.add("redirect_to_url", redirect);
            pi.add("next_action", next);
        } else {
            pi.add("next_action", JsonNull.INSTANCE);
        }
        return pi;
    }

    private JsonObject portalSession(RecordedRequest r) {
        JsonObject s = StripeFixtures.billingPortalSession();
        String id = "bps_stub_" + sequence.incrementAndGet();
        s.addProperty("id", id);
        s.addProperty("created", Instant.now().getEpochSecond());
        putOrNull(s, "customer", r.param("customer"));
        putOrNull(s, "return_url", r.param("return_url"));
        s.addProperty("url", "https://billing.stripe.com/p/session/test_" + id);
        return s;
    }

    private JsonObject subscription(String id, boolean cancelAtPeriodEnd, boolean canceledNow) {
        JsonObject s = StripeFixtures.subscription();
        long now = Instant.now().getEpochSecond();
        long periodEnd = subscriptionPeriodEnd != null
                ? subscriptionPeriodEnd.getEpochSecond()
                : now + Duration.ofDays(30).toSeconds();
        s.addProperty("id", id);
        s.addProperty("status", canceledNow ? "canceled" : "active");
        s.addProperty("cancel_at_period_end", cancelAtPeriodEnd);
        if (cancelAtPeriodEnd) {
            s.addProperty("cancel_at", periodEnd);
        } else {
            s.add("cancel_at", JsonNull.INSTANCE);
        }
        if (canceledNow) {
            s.addProperty("canceled_at", now);
            s.addProperty("ended_at", now);
        } else {
            s.add("canceled_at", JsonNull.INSTANCE);
            s.add("ended_at", JsonNull.INSTANCE);
        }
        JsonArray items = s.getAsJsonObject("items").getAsJsonArray("data");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.get(i).getAsJsonObject();
            item.addProperty("subscription", id);
            item.addProperty("current_period_start", periodEnd - Duration.ofDays(30).toSeconds());
            item.addProperty("current_period_end", periodEnd);
        }
        return s;
    }

    private static void putOrNull(JsonObject o, String key, String value) {
        if (value == null) {
            o.add(key, JsonNull.INSTANCE);
        } else {
            o.addProperty(key, value);
        }
    }

    /** {@code metadata[a]=1} → {@code {"a":"1"}}. */
    private static JsonObject prefixed(Map<String, String> params, String prefix) {
        JsonObject out = new JsonObject();
        String start = prefix + "[";
        params.forEach((k, v) -> {
            if (k.startsWith(start) && k.endsWith("]") && k.indexOf('[', start.length()) < 0) {
                out.addProperty(k.substring(start.length(), k.length() - 1), v);
            }
        });
        return out;
    }

    private static Answer ok(JsonObject body) {
        return new Answer(200, body.toString(), Map.of());
    }

    private static Answer error(Failure f) {
        JsonObject error = new JsonObject();
        error.addProperty("type", f.type());
        error.addProperty("message", f.message());
        if (f.code() != null) {
            error.addProperty("code", f.code());
        }
        JsonObject body = new JsonObject();
        body.add("error", error);
        Map<String, String> headers = new HashMap<>();
        if (f.shouldRetry() != null) {
            headers.put("Stripe-Should-Retry", f.shouldRetry().toString());
        }
        return new Answer(f.status(), body.toString(), headers);
    }

    private static Map<String, String> decodeForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
