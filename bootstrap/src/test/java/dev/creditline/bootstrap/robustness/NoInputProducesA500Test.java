package dev.creditline.bootstrap.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeFixtures;
import dev.creditline.stripe.testing.StripeStub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No input produces a 500 (api.md "Errors"; docs/api.md "Input robustness"): every operation the
 * served OpenAPI document lists is sent a battery of hostile inputs with working credentials.
 * Every answer must be below 500; every 4xx must be problem+json with {@code code} and
 * {@code detail}; and a 4xx answer to a write must leave the tables untouched. Failures are
 * collected and reported together as (operation, input, status, body).
 */
@DatabaseTest
class NoInputProducesA500Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String WEBHOOK_SECRET = "whsec_test_robustness_0123456789";
    private static final String GUEST_SECRET = "test-guest-secret-robustness-0123456789";
    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String LONG = "x".repeat(100 * 1024);
    private static final AtomicLong SEQ = new AtomicLong();

    /** The tables whose rows a refused write must not change (count, and content for users). */
    private static final String SNAPSHOT = """
            SELECT concat_ws(',',
              (SELECT count(*) FROM users), (SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY u.id), '')) FROM users u),
              (SELECT count(*) FROM accounts), (SELECT count(*) FROM verification_tokens),
              (SELECT count(*) FROM credit_ledger), (SELECT count(*) FROM model_calls), (SELECT count(*) FROM holds),
              (SELECT md5(coalesce(string_agg(h.id::text || h.status::text, '|' ORDER BY h.id), '')) FROM holds h),
              (SELECT count(*) FROM idempotency_keys), (SELECT count(*) FROM guest_usage),
              (SELECT count(*) FROM guest_claims), (SELECT count(*) FROM checkout_attempts),
              (SELECT count(*) FROM credit_pack_purchases), (SELECT count(*) FROM stripe_subscriptions),
              (SELECT count(*) FROM stripe_events))""";

    private static StripeStub stub;
    private static TestService service;
    private static UUID user;
    private static UUID admin;
    private static String userEmail;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        Map<String, String> env = new HashMap<>();
        env.put("STRIPE_SECRET_KEY", "sk_test_robustness");
        env.put("STRIPE_API_BASE", stub.baseUrl());
        env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("STRIPE_PRICE_PRO_MONTHLY", "price_pro_monthly_test");
        env.put("PLAN_PLUS_CREDITS", "250000");
        env.put("PLAN_PLUS_PRICE", "price_plus_monthly_test");
        env.put("STRIPE_PRICE_PACK_STARTER", "price_pack_starter_test");
        env.put("STRIPE_PRICE_PACK_PRO", "price_pack_pro_test");
        env.put("FRONTEND_URL", "https://app.example.com/");
        env.put("ADMIN_EMAILS", ADMIN_EMAIL);
        env.put("GUEST_SECRET", GUEST_SECRET);
        // no background sweep: a probe hold with a short TTL (ttlSeconds=12) expiring mid-probe would look like a
        // refused request that wrote
        env.put("HOLD_SWEEP_INTERVAL_SECONDS", "3600");
        service = TestService.start(env);
        userEmail = "robust-user@example.com";
        user = service.createUser(userEmail);
        admin = service.createUser(ADMIN_EMAIL);
        doc = service.json("GET", "/openapi.json", null).json();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    // ---- the sweep -----------------------------------------------------------------------------

    @Test
    void no_operation_answers_500_to_hostile_bodies_params_or_content_types() {
        List<Operation> ops = operations();
        assertThat(ops).as("operations in /openapi.json").hasSizeGreaterThan(40);
        Failures failures = new Failures();
        int sent = 0;
        Map<String, Set<Integer>> reached = new LinkedHashMap<>();
        for (Operation op : ops) {
            for (Credential cred : op.credentials()) {
                for (Probe p : probes(op, cred)) {
                    int status = run(op, p, failures);
                    reached.computeIfAbsent(op.method() + " " + op.path(), k -> new java.util.TreeSet<>()).add(status);
                    sent++;
                }
            }
        }
        failures.assertNone(sent);
        // the battery got past authentication everywhere: each operation answered something besides 401/403
        reached.remove("POST /api/billing/webhook");
        reached.forEach((op, statuses) -> assertThat(statuses).as(op + " " + statuses)
                .anyMatch(st -> st != 401 && st != 403 && st > 0));
    }

    @Test
    void the_webhook_answers_bad_signatures_and_hostile_events_without_500() {
        Failures failures = new Failures();
        Operation op = new Operation("POST", "/api/billing/webhook", List.of(), List.of(), List.of(Credential.NONE));
        String valid = StripeEvents.envelope("evt_robust_1", "checkout.session.completed", now(),
                StripeFixtures.checkoutSession());
        List<String> signatures = new ArrayList<>(List.of("", "garbage", "t=abc,v1=zz", "t=,v1=",
                "t=99999999999999999999,v1=ab", "t=-1,v1=ab", "v1=abc", "t=1",
                "t=" + now() + ",v1=" + "0".repeat(64), "t=" + now() + ",v1=" + "z".repeat(7000),
                StripeEvents.signatureHeader(valid, WEBHOOK_SECRET, 1),
                StripeEvents.signatureHeader(valid, WEBHOOK_SECRET, now() + 86_400),
                StripeEvents.signatureHeader(valid, "whsec_wrong", now())));
        for (String s : signatures) {
            run(op, Probe.raw("POST", "/api/billing/webhook", "signature " + abbreviate(s), valid,
                    "application/json", "Stripe-Signature", s), failures);
        }
        run(op, Probe.raw("POST", "/api/billing/webhook", "no signature", valid, "application/json"), failures);

        List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "\"x\"", "42", "null", "{}", "{\"id\":1}",
                "{\"id\":\"evt_x\",\"type\":[],\"created\":1}", "{\"id\":\"evt_x\",\"type\":\"invoice.paid\",\"created\":\"x\"}",
                "{\"id\":\"evt_x\",\"type\":\"invoice.paid\",\"created\":1e308}",
                "{\"id\":\"evt_x\",\"type\":\"invoice.paid\",\"created\":9223372036854775808}",
                "{\"id\":\"evt_\\u0000\",\"type\":\"invoice.paid\",\"created\":1}",
                "{\"id\":\"" + LONG + "\",\"type\":\"x.y\",\"created\":1}"));
        Map<String, JsonObject> fixtures = new LinkedHashMap<>();
        fixtures.put("checkout.session.completed", StripeFixtures.checkoutSession());
        fixtures.put("checkout.session.async_payment_succeeded", StripeFixtures.checkoutSession());
        fixtures.put("checkout.session.expired", StripeFixtures.checkoutSession());
        fixtures.put("invoice.paid", StripeFixtures.invoice());
        fixtures.put("invoice.payment_failed", StripeFixtures.invoice());
        fixtures.put("customer.subscription.updated", StripeFixtures.subscription());
        fixtures.put("customer.subscription.deleted", StripeFixtures.subscription());
        fixtures.put("charge.refunded", StripeFixtures.charge());
        List<String> wrong = List.of("\"str\"", "12", "true", "{}", "[]", "null", "1e308", "9223372036854775808", "-1",
                "\"\\u0000\"", "\"" + UUID.randomUUID() + "\"", "\"" + user + "\"", "\"a\\u0000b\"");
        for (Map.Entry<String, JsonObject> f : fixtures.entrySet()) {
            bodies.add(StripeEvents.envelope("evt_r" + SEQ.incrementAndGet(), f.getKey(), now(), new JsonObject()));
            bodies.add(event(f.getKey(), "[]"));
            List<String> fields = new ArrayList<>(List.of("id", "customer", "subscription", "metadata", "amount_total",
                    "client_reference_id", "mode", "payment_status", "payment_intent", "status", "lines", "items",
                    "amount", "amount_refunded", "refunds", "billing_reason", "parent", "cancel_at_period_end",
                    "current_period_end"));
            fields.removeIf(name -> !f.getValue().has(name));
            for (String field : fields) {
                for (String w : wrong) {
                    JsonObject o = f.getValue().deepCopy();
                    o.add(field, com.google.gson.JsonParser.parseString(w));
                    bodies.add(StripeEvents.envelope("evt_r" + SEQ.incrementAndGet(), f.getKey(), now(), o));
                }
            }
            if (f.getKey().startsWith("checkout")) {
                for (String k : List.of("credits", "pack_id", "user_id", "plan", "checkout_attempt_id")) {
                    for (String v : List.of("abc", "-1", "99999999999999999999", "\u0000", LONG, user.toString())) {
                        JsonObject o = f.getValue().deepCopy();
                        JsonObject md = new JsonObject();
                        md.addProperty("user_id", user.toString());
                        md.addProperty(k, v);
                        o.add("metadata", md);
                        o.addProperty("client_reference_id", user.toString());
                        o.addProperty("mode", k.equals("plan") ? "subscription" : "payment");
                        bodies.add(StripeEvents.envelope("evt_r" + SEQ.incrementAndGet(), f.getKey(), now(), o));
                    }
                }
            }
        }
        for (String body : bodies) {
            run(op, Probe.raw("POST", "/api/billing/webhook", "signed body " + abbreviate(body), body,
                    "application/json", "Stripe-Signature", StripeEvents.signatureHeader(body, WEBHOOK_SECRET, now())),
                    failures);
        }
        failures.assertNone(signatures.size() + 1 + bodies.size());
    }

    private static String event(String type, String dataObjectJson) {
        return "{\"id\":\"evt_r" + SEQ.incrementAndGet() + "\",\"object\":\"event\",\"created\":" + now()
                + ",\"type\":\"" + type + "\",\"data\":{\"object\":" + dataObjectJson + "}}";
    }

    // ---- HTTP-level oddities -------------------------------------------------------------------

    @Test
    void a_body_on_get_is_ignored() {
        Response r = service.send(service.request("/api/users/me")
                .header("Authorization", "Bearer " + TestService.tokenFor(user))
                .header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"name\":\"ignored\"")).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(user.toString());
    }

    @Test
    void head_answers_like_get_without_a_body_and_never_500() {
        Failures failures = new Failures();
        int sent = 0;
        for (Operation op : operations()) {
            if (!op.method().equals("GET")) {
                continue;
            }
            for (Credential cred : op.credentials()) {
                Probe p = Probe.json("HEAD", op.concretePath(Map.of()), "HEAD", cred.headers(), null);
                Response r = send(p);
                sent++;
                if (r.status() >= 500 || !r.body().isEmpty()) {
                    failures.add(op, p, r, "HEAD must answer < 500 with no body");
                }
            }
        }
        failures.assertNone(sent);
        Response head = service.send(service.request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void options_without_origin_is_not_an_error_of_ours() {
        Failures failures = new Failures();
        int sent = 0;
        for (Operation op : operations()) {
            Probe p = Probe.json("OPTIONS", op.concretePath(Map.of()), "OPTIONS without Origin", Map.of(), null);
            Response r = send(p);
            sent++;
            if (r.status() >= 500) {
                failures.add(op, p, r, "status >= 500");
            }
        }
        failures.assertNone(sent);
    }

    @Test
    void a_content_length_shorter_than_the_body_reads_only_what_it_declares() throws Exception {
        long users = service.count("users");
        String body = "{\"email\":\"short-cl@example.com\"}";
        String answer = rawExchange("POST", "/api/internal/auth/users", body, body.length() - 5, true);
        // the declared prefix is malformed JSON; the surplus bytes are read as a next (bad) request
        assertThat(statusOf(answer)).as(answer).isEqualTo(400);
        assertThat(answer).contains("application/problem+json").contains("MALFORMED_JSON");
        assertThat(service.count("users")).isEqualTo(users);
    }

    @Test
    void a_content_length_longer_than_the_body_is_400_incomplete_body_when_the_client_gives_up() throws Exception {
        long users = service.count("users");
        double serverErrors = requests("status=\"5");
        double incomplete = requests("status=\"400\"", "uri=\"/api/internal/auth/users\"");
        String body = "{\"email\":\"long-cl@example.com\"}";
        // the server waits for 50 more bytes; the client gives up after 1 s and closes the connection
        String answer = rawExchange("POST", "/api/internal/auth/users", body, body.length() + 50, false);
        assertThat(answer).isEmpty();
        Eventually.holdsWithin(Duration.ofSeconds(5),
                () -> requests("status=\"400\"", "uri=\"/api/internal/auth/users\"") != incomplete);
        // the early end was answered 400 INCOMPLETE_BODY (to nobody), not logged as a 500
        assertThat(requests("status=\"400\"", "uri=\"/api/internal/auth/users\"")).isEqualTo(incomplete + 1);
        assertThat(requests("status=\"5")).isEqualTo(serverErrors);
        assertThat(service.count("users WHERE email = 'long-cl@example.com'")).isZero();
        assertThat(service.count("users")).isEqualTo(users);
        assertThat(service.json("GET", "/health", null).status()).isEqualTo(200);
    }

    /** The sum of {@code http.server.requests} counts over the series whose labels contain every filter. */
    private static double requests(String... filters) {
        double sum = 0;
        for (String line : service.json("GET", "/metrics", null).body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{")
                    && java.util.Arrays.stream(filters).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    void json_with_duplicate_keys_is_400_naming_the_key_and_writes_nothing() {
        long users = service.count("users");
        Response r = service.adapter("POST", "/users", "{\"email\":\"dup-a@example.com\",\"email\":\"dup-b@example.com\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(r.json().get("field").asText()).isEqualTo("email");
        assertThat(service.count("users")).isEqualTo(users);

        Response nested = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                + "\"usage\":{\"inputTokens\":1,\"inputTokens\":100000000}}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.json().get("field").asText()).isEqualTo("inputTokens");
    }

    // ---- probes --------------------------------------------------------------------------------

    /** The probes for one operation with one credential. */
    private static List<Probe> probes(Operation op, Credential cred) {
        List<Probe> out = new ArrayList<>();
        Map<String, String> h = new LinkedHashMap<>(cred.headers());
        if (op.path().equals("/api/billing/webhook")) {
            return out; // its own test signs every body
        }
        String path = op.concretePath(Map.of());
        boolean write = !op.method().equals("GET");

        // credentials that do not work
        if (cred != Credential.NONE) {
            out.add(Probe.json(op.method(), path, "no credentials", Map.of(), null));
            out.add(Probe.json(op.method(), path, "garbage credentials", garbage(cred), null));
        }
        // the plain request, so every operation is reached past authentication at least once
        out.add(Probe.json(op.method(), path, "valid request", h, write ? op.baseBody() : null));
        // path parameters
        for (String param : op.pathParams()) {
            for (String v : List.of("not-a-uuid", "%20", "..", "%2F", "a%2Fb", "%00", "%E2%80%AE", "%FF", "%C0%AF",
                    "-1", "9223372036854775808", "00000000-0000-0000-0000-000000000000", "%25", "x".repeat(3000),
                    "ffffffff-ffff-ffff-ffff-ffffffffffff", "%7B%7D", "%0A", "null", "me")) {
                out.add(Probe.json(op.method(), op.concretePath(Map.of(param, v)), param + "=" + abbreviate(v), h,
                        write ? op.baseBody() : null));
            }
            out.add(Probe.json(op.method(), op.concretePath(Map.of(param, "")), param + " empty", h,
                    write ? op.baseBody() : null));
        }
        // query parameters
        for (String param : op.queryParams()) {
            for (String v : List.of("abc", "-1", "0", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
                    "1e308", "1.5", "NaN", "", "%00", "%FF", "2026-13-45", "2026-02-30T25:61:00Z", "Europe%2FNowhere",
                    "%2B99%3A99", "-99999", "x".repeat(3000), "1&" + param + "=2", "%E2%80%AE", "true", "null",
                    "-62135596801", "253402300800000")) {
                out.add(Probe.json(op.method(), path + "?" + param + "=" + v, param + "=" + abbreviate(v), h,
                        write ? op.baseBody() : null));
            }
        }
        if (op.method().equals("GET")) {
            return out;
        }
        bodyProbes(op, path, h, out);
        if (op.method().equals("DELETE") && cred == Credential.USER) {
            // DELETE /api/users/me deletes its caller: every probe gets a user of its own
            return out.stream().map(p -> p.headers().containsKey("Authorization") && !p.input().contains("credentials")
                    ? new Probe(p.method(), p.path(), p.input(), with(p.headers(), "Authorization", "Bearer "
                    + TestService.tokenFor(service.createUser("victim-" + SEQ.incrementAndGet() + "@example.com"))), p.body())
                    : p).toList();
        }
        return out;
    }

    private static void bodyProbes(Operation op, String path, Map<String, String> h, List<Probe> out) {
        // whole bodies
        for (String b : List.of("{", "{\"a\":}", "{\"a\":1} trailing", "", "[]", "[1,2]", "\"str\"", "42", "null", "true",
                "{}", "\u0000", "{\"a\":\"\\ud800\"}", "[" .repeat(2000) + "]".repeat(2000))) {
            out.add(Probe.body(op.method(), path, "body " + abbreviate(b), h, b));
        }
        out.add(Probe.bytes(op.method(), path, "body not UTF-8", h, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}'}, "application/json"));
        String base = op.baseBody() == null ? "{}" : op.baseBody();
        for (String ct : Arrays.asList(null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nope",
                "garbage", "application/*", "*/*", "application/json; charset=\"")) {
            out.add(Probe.bytes(op.method(), path, "Content-Type " + ct, h, base.getBytes(StandardCharsets.UTF_8), ct));
        }
        out.add(Probe.bytes(op.method(), path, "Content-Type json, no body", h, null, "application/json"));
        out.add(Probe.body(op.method(), path, "Idempotency-Key 300 chars", with(h, "Idempotency-Key", "k".repeat(300)), base));
        out.add(Probe.body(op.method(), path, "Idempotency-Key NUL-ish", with(h, "Idempotency-Key", "\u00e9\u00ff"), base));
        // every documented field set to hostile values
        for (Schema schema : op.bodies()) {
            for (List<String> field : schema.fields()) {
                for (String v : HOSTILE_VALUES) {
                    out.add(Probe.body(op.method(), path, String.join(".", field) + "=" + abbreviate(v), h,
                            schema.baseWith(field, v)));
                }
            }
        }
    }

    private static final List<String> HOSTILE_VALUES = List.of("\"str\"", "12", "true", "false", "{}", "[]", "null",
            "1e308", "-1e308", "9223372036854775808", "-9223372036854775809", "9223372036854775807", "-1", "0", "1.5",
            "\"" + LONG + "\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u001f\\u007f\"", "\"\\ud800\"",
            "\"\u00e9\ud83d\ude00\u202e\"", "\"\"", "\" \"", "\"not-a-uuid\"", "\"2026-13-45T99:99:99Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"+294277-01-01T00:00:00Z\"",
            "\"0000-01-01T00:00:00Z\"", "\"" + UUID.randomUUID() + "\"", "\"00000000-0000-0000-0000-000000000000\"",
            "[" .repeat(500) + "]".repeat(500), "{\"a\":{\"b\":[1,{\"c\":null}]}}");

    private static Map<String, String> garbage(Credential cred) {
        return switch (cred) {
            case USER, ADMIN -> Map.of("Authorization", "Bearer a.b.c");
            case ADAPTER -> Map.of("X-Adapter-Secret", "\u00e9wrong");
            case SERVICE -> Map.of("X-Service-Secret", "x".repeat(4000));
            default -> Map.of();
        };
    }

    private static Map<String, String> with(Map<String, String> h, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(h);
        m.put(name, value);
        return m;
    }

    // ---- sending and checking ------------------------------------------------------------------

    /** Sends one probe and checks its answer; returns the status (-1: no answer). */
    private static int run(Operation op, Probe p, Failures failures) {
        String before = op.method().equals("GET") ? null : snapshot();
        Response r;
        try {
            r = send(p);
        } catch (RuntimeException e) {
            failures.add(op, p, null, "no answer: " + e);
            return -1;
        }
        if (r.status() >= 500) {
            failures.add(op, p, r, "status >= 500");
            return r.status();
        }
        if (r.status() >= 400) {
            String problem = problemError(r);
            if (problem != null) {
                failures.add(op, p, r, problem);
            }
            if (before != null) {
                String after = snapshot();
                if (p.headers().containsKey("Idempotency-Key")) {
                    // a refused request's problem is stored under its key and replayed (metering.md)
                    before = withoutIdempotencyKeys(before);
                    after = withoutIdempotencyKeys(after);
                }
                if (!after.equals(before)) {
                    failures.add(op, p, r, "4xx but wrote: " + before + " -> " + after);
                }
            }
        }
        return r.status();
    }

    private static String problemError(Response r) {
        if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
            return "4xx is not problem+json: " + r.contentType();
        }
        try {
            JsonNode j = r.json();
            if (j.path("code").asText().isBlank() || j.path("detail").asText().isBlank()) {
                return "4xx problem lacks code or detail";
            }
            if (j.path("status").asInt() != r.status()) {
                return "problem status differs from HTTP status";
            }
        } catch (IllegalStateException e) {
            return "4xx body is not JSON";
        }
        return null;
    }

    private static Response send(Probe p) {
        HttpRequest.BodyPublisher body = p.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(p.body());
        HttpRequest.Builder b = service.request("").uri(service.uri(p.path())).method(p.method(), body);
        p.headers().forEach(b::header);
        return service.send(b.build());
    }

    private static String withoutIdempotencyKeys(String snapshot) {
        String[] parts = snapshot.split(",");
        parts[8] = "-";
        return String.join(",", parts);
    }

    private static String snapshot() {
        return service.jdbi().withHandle(h -> h.createQuery(SNAPSHOT).mapTo(String.class).one());
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder();
        shown.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return b.toString();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Failures gathered across a sweep and reported together. */
    private static final class Failures {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        void add(Operation op, Probe p, Response r, String why) {
            String body = r == null ? "" : r.body().length() > 300 ? r.body().substring(0, 300) + "…" : r.body();
            lines.add("(" + op.method() + " " + op.path() + ", " + p.method() + " " + abbreviate(p.path()) + " "
                    + abbreviate(p.input()) + ", " + (r == null ? "-" : r.status()) + ", " + body + ") " + why);
        }

        void assertNone(int sent) {
            assertThat(lines).as(lines.size() + " of " + sent + " probes failed:\n" + String.join("\n", lines)).isEmpty();
        }
    }

    // ---- the document --------------------------------------------------------------------------

    enum Credential {
        NONE, USER, ADMIN, ADAPTER, SERVICE;

        Map<String, String> headers() {
            return switch (this) {
                case USER -> Map.of("Authorization", "Bearer " + TestService.tokenFor(user));
                case ADMIN -> Map.of("Authorization", "Bearer " + TestService.tokenFor(admin));
                case ADAPTER -> Map.of("X-Adapter-Secret", TestService.ADAPTER_SECRET);
                case SERVICE -> Map.of("X-Service-Secret", TestService.SERVICE_SECRET);
                case NONE -> Map.of();
            };
        }
    }

    /** One request of the battery. */
    record Probe(String method, String path, String input, Map<String, String> headers, byte[] body) {

        static Probe body(String method, String path, String input, Map<String, String> headers, String body) {
            return bytes(method, path, input, headers, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        static Probe bytes(String method, String path, String input, Map<String, String> headers, byte[] body,
                           String contentType) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (contentType != null) {
                h.put("Content-Type", contentType);
            }
            return new Probe(method, path, input, h, body);
        }

        static Probe raw(String method, String path, String input, String body, String contentType, String... headers) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                h.put(headers[i], headers[i + 1]);
            }
            return bytes(method, path, input, h, body.getBytes(StandardCharsets.UTF_8), contentType);
        }

        static Probe json(String method, String path, String input, Map<String, String> headers, String jsonBody) {
            return new Probe(method, path, input,
                    jsonBody == null ? headers : with(headers, "Content-Type", "application/json"),
                    jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An operation of the OpenAPI document. */
    record Operation(String method, String path, List<Parameter> params, List<Schema> bodies, List<Credential> credentials) {

        List<String> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).map(Parameter::name).toList();
        }

        List<String> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).map(Parameter::name).toList();
        }

        String baseBody() {
            return bodies.isEmpty() ? null : bodies.get(0).baseWith(List.of(), null);
        }

        /** The path with valid values for its parameters, overridden by {@code values} (already encoded). */
        String concretePath(Map<String, String> values) {
            String p = path;
            for (String name : pathParams()) {
                String v = values.containsKey(name) ? values.get(name) : validPathValue(name);
                p = p.replace("{" + name + "}", v);
            }
            return p;
        }

        private String validPathValue(String name) {
            return switch (name) {
                case "email" -> userEmail.replace("@", "%40");
                case "provider" -> "github";
                case "providerAccountId" -> "robust-1";
                // a destructive operation gets a user of its own
                default -> path.contains("/holds/") ? UUID.randomUUID().toString()
                        : method.equals("DELETE") ? service.createUser("victim-" + SEQ.incrementAndGet() + "@example.com").toString()
                        : user.toString();
            };
        }
    }

    record Parameter(String name, String in) {
    }

    /** A request body schema: its base (required fields with valid values) and its fields. */
    record Schema(JsonNode schema) {

        /** Paths of every property, nested objects included. */
        List<List<String>> fields() {
            List<List<String>> out = new ArrayList<>();
            collect(schema, new ArrayList<>(), out);
            return out;
        }

        private static void collect(JsonNode s, List<String> prefix, List<List<String>> out) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> path = new ArrayList<>(prefix);
                path.add(e.getKey());
                out.add(path);
                if (e.getValue().has("properties")) {
                    collect(e.getValue(), path, out);
                }
            }
        }

        /** The base body with the field at {@code field} (if any) set to the JSON text {@code value}. */
        String baseWith(List<String> field, String value) {
            ObjectNode base = (ObjectNode) valid(schema, "");
            if (!field.isEmpty()) {
                ObjectNode target = base;
                for (String part : field.subList(0, field.size() - 1)) {
                    JsonNode child = target.get(part);
                    if (!(child instanceof ObjectNode)) {
                        child = target.putObject(part);
                    }
                    target = (ObjectNode) child;
                }
                target.putRawValue(field.get(field.size() - 1), new com.fasterxml.jackson.databind.util.RawValue(value));
            }
            return base.toString();
        }

        private static JsonNode valid(JsonNode s, String name) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            String type = s.path("type").isArray() ? s.path("type").get(0).asText() : s.path("type").asText("object");
            if (s.has("enum")) {
                return s.get("enum").get(0);
            }
            switch (type) {
                case "object" -> {
                    ObjectNode o = f.objectNode();
                    for (JsonNode req : s.path("required")) {
                        o.set(req.asText(), valid(s.path("properties").path(req.asText()), req.asText()));
                    }
                    return o;
                }
                case "integer" -> {
                    return name.equals("startTime") ? f.numberNode(1_700_000_000L)
                            : name.equals("endTime") ? f.numberNode(1_700_086_400L) : f.numberNode(1L);
                }
                case "number" -> {
                    return f.numberNode(1.5);
                }
                case "boolean" -> {
                    return f.booleanNode(false);
                }
                case "array" -> {
                    return f.arrayNode();
                }
                default -> {
                    String format = s.path("format").asText();
                    if (format.equals("uuid")) {
                        return f.textNode(name.equals("holdId") ? UUID.randomUUID().toString() : user.toString());
                    }
                    if (format.equals("email")) {
                        return f.textNode("robust-" + SEQ.incrementAndGet() + "@example.com");
                    }
                    if (format.equals("date-time")) {
                        return f.textNode("2030-01-01T00:00:00Z");
                    }
                    if (name.equals("model")) {
                        return f.textNode("openai/gpt-5.2");
                    }
                    if (name.equals("guestToken")) {
                        return f.textNode(service.json("POST", "/api/guest/init", null).json().get("guest_token").asText());
                    }
                    return f.textNode("robust");
                }
            }
        }
    }

    /** Every operation of the served document, with its parameters, bodies and credentials. */
    private static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> o = it.next();
                if (!HTTP_METHODS.contains(o.getKey())) {
                    continue;
                }
                JsonNode op = o.getValue();
                List<Parameter> params = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>();
                p.getValue().path("parameters").forEach(declared::add);
                op.path("parameters").forEach(declared::add);
                for (JsonNode param : declared) {
                    JsonNode r = resolve(param);
                    params.add(new Parameter(r.path("name").asText(), r.path("in").asText()));
                }
                List<Schema> bodies = new ArrayList<>();
                JsonNode schema = resolve(op.path("requestBody")).path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    schema = resolve(schema);
                    if (schema.has("oneOf")) {
                        for (JsonNode alt : schema.get("oneOf")) {
                            bodies.add(new Schema(resolve(alt)));
                        }
                    } else {
                        bodies.add(new Schema(schema));
                    }
                }
                List<Credential> creds = new ArrayList<>();
                for (JsonNode req : op.path("security")) {
                    req.fieldNames().forEachRemaining(n -> {
                        switch (n) {
                            case "bearer" -> {
                                creds.add(Credential.USER);
                                // admins reach further only on admin endpoints and allUsers queries
                                if (p.getKey().contains("admin") || op.toString().contains("\"allUsers\"")) {
                                    creds.add(Credential.ADMIN);
                                }
                            }
                            case "adapterSecret" -> creds.add(Credential.ADAPTER);
                            case "serviceSecret" -> creds.add(Credential.SERVICE);
                            default -> creds.add(Credential.NONE);
                        }
                    });
                }
                if (creds.isEmpty()) {
                    creds.add(Credential.NONE);
                }
                ops.add(new Operation(o.getKey().toUpperCase(Locale.ROOT), p.getKey(), params, bodies, creds));
            }
        }
        return ops;
    }

    private static JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return doc.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    // ---- raw sockets ---------------------------------------------------------------------------

    /**
     * Sends a request whose Content-Length is {@code declared} whatever the body and returns everything
     * read until the server closes or 1 s (patient: 3 s) passes without bytes.
     */
    private static String rawExchange(String method, String path, String body, int declared, boolean patient)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", service.port())) {
            s.setSoTimeout(patient ? 3000 : 1000);
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Adapter-Secret: " + TestService.ADAPTER_SECRET + "\r\nContent-Length: " + declared
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    read.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // the server waits for bytes that never come
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }

    private static int statusOf(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }
}
