package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guest tokens, limits and claims over HTTP (domain.md "Guests"; api.md "Guest", "Metering"). */
@DatabaseTest
class GuestsTest {

    static final String GUEST_SECRET = "test-guest-secret-0123456789abcdef0123";

    private static TestService service;

    @BeforeAll
    static void start() {
        // The upload limit is raised to 2 to show that GUEST_UPLOAD_LIMIT is honoured; chat keeps its default 3.
        service = TestService.start(Map.of("GUEST_SECRET", GUEST_SECRET, "GUEST_UPLOAD_LIMIT", "2"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonNode init() {
        Response r = service.json("POST", "/api/guest/init", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static Response consume(String token, String action) {
        return service.internal("POST", "/guests/consume",
                "{\"guestToken\":\"" + token + "\",\"action\":\"" + action + "\"}");
    }

    private static long usage() {
        return service.count("guest_usage");
    }

    private static long usedOf(String guestId, String action) {
        return service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM guest_usage g, unnest(g.uses) AS u(t)"
                                + " WHERE guest_id = :g::uuid AND action = :a AND t > :since")
                .bind("g", guestId).bind("a", action)
                .bind("since", service.clock().instant().minus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC))
                .mapTo(Long.class).one());
    }

    /**
     * A guest token for {@code guestId} issued at the service clock's "now": once the clock has
     * moved a day on, the token from {@code init} has expired while the guest's uses remain.
     */
    private static String tokenNow(String guestId) throws Exception {
        Instant now = service.clock().instant();
        return sign(GUEST_SECRET, guestClaims(guestId, now, now.plusSeconds(86_400)));
    }

    static String sign(String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void init_returns_a_signed_24_hour_guest_token_and_sets_the_http_only_cookie() throws Exception {
        Response r = service.json("POST", "/api/guest/init", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        String guestId = body.get("guest_id").asText();
        String token = body.get("guest_token").asText();
        Instant expiresAt = Instant.parse(body.get("expires_at").asText());

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(GUEST_SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(guestId);
        assertThat(UUID.fromString(guestId).version()).isEqualTo(4);
        assertThat(claims.getStringClaim("typ")).isEqualTo("guest");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(86_400_000L);
        Instant now = service.clock().instant();
        assertThat(expiresAt).isBetween(now.plusSeconds(86_400 - 60), now.plusSeconds(86_400 + 5));

        String cookie = r.header("Set-Cookie");
        assertThat(cookie).startsWith("creditline_guest=" + token + ";")
                .contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Max-Age=86400")
                .containsIgnoringCase("Path=/").doesNotContain("Secure");
        // Two guests never share an id, and nothing is stored before the first use.
        assertThat(init().get("guest_id").asText()).isNotEqualTo(guestId);
        assertThat(service.count("guest_usage WHERE guest_id = '" + guestId + "'")).isZero();
    }

    @Test
    void ten_parallel_chat_messages_against_a_limit_of_three_count_exactly_three() throws Exception {
        String token = init().get("guest_token").asText();
        String guestId = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        int n = 10;
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return consume(token, "chat");
                }));
            }
            ready.await();
            go.countDown();
            List<Long> remaining = new ArrayList<>();
            int refused = 0;
            for (Future<Response> f : futures) {
                Response r = f.get();
                if (r.status() == 200) {
                    remaining.add(r.json().get("remaining").asLong());
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(402);
                    assertThat(r.json().get("code").asText()).isEqualTo("GUEST_LIMIT_REACHED");
                    assertThat(r.json().get("detail").asText()).isEqualTo("Guest message limit reached. Please log in.");
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    refused++;
                }
            }
            assertThat(remaining).containsExactlyInAnyOrder(2L, 1L, 0L);
            assertThat(refused).isEqualTo(7);
            assertThat(usedOf(guestId, "chat")).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uploads_have_their_own_configurable_limit_and_refusal_wording() {
        String token = init().get("guest_token").asText();
        assertThat(consume(token, "upload").json().get("remaining").asLong()).isEqualTo(1);
        assertThat(consume(token, "upload").json().get("remaining").asLong()).isZero();
        Response over = consume(token, "upload");
        assertThat(over.status()).isEqualTo(402);
        assertThat(over.json().get("code").asText()).isEqualTo("GUEST_LIMIT_REACHED");
        assertThat(over.json().get("detail").asText()).isEqualTo("Guest upload limit reached. Please log in.");
        // Chat is counted separately.
        assertThat(consume(token, "chat").json().get("remaining").asLong()).isEqualTo(2);
    }

    @Test
    void the_window_restarts_once_it_is_24_hours_old_and_not_before() throws Exception {
        String token = init().get("guest_token").asText();
        String guestId = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        for (int i = 0; i < 3; i++) {
            assertThat(consume(token, "chat").status()).isEqualTo(200);
        }
        assertThat(consume(token, "chat").status()).isEqualTo(402);

        service.clock().advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(consume(token, "chat").status()).isEqualTo(402);
        assertThat(usedOf(guestId, "chat")).isEqualTo(3);

        service.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
        Response after = consume(tokenNow(guestId), "chat");
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().get("remaining").asLong()).isEqualTo(2);
        assertThat(usedOf(guestId, "chat")).isEqualTo(1);
        Instant windowStart = service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT max(t) FROM guest_usage g, unnest(g.uses) AS u(t) WHERE guest_id = :g::uuid AND action = 'chat'")
                .bind("g", guestId).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        assertThat(windowStart).isAfter(service.clock().instant().minusSeconds(60));
    }

    @Test
    void the_window_is_rolling_each_use_frees_its_slot_exactly_24_hours_later_and_never_the_whole_limit_at_once()
            throws Exception {
        String token = init().get("guest_token").asText();
        String guestId = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        // three uses spread over a day: 23 h 59 min 50 s, 2 h and 1 min before the check
        assertThat(consume(token, "chat").status()).isEqualTo(200);
        service.clock().advance(Duration.ofHours(21).plusMinutes(59).plusSeconds(50));
        assertThat(consume(token, "chat").status()).isEqualTo(200);
        service.clock().advance(Duration.ofHours(1).plusMinutes(59));
        assertThat(consume(token, "chat").status()).isEqualTo(200);
        service.clock().advance(Duration.ofMinutes(1));
        // the oldest is just inside the window
        assertThat(consume(token, "chat").status()).isEqualTo(402);
        // the oldest leaves the window: exactly one slot is free, not a whole new window of three
        service.clock().advance(Duration.ofSeconds(11));
        token = tokenNow(guestId);
        Response one = consume(token, "chat");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().get("remaining").asLong()).isZero();
        assertThat(consume(token, "chat").status()).isEqualTo(402);
        assertThat(consume(token, "chat").status()).isEqualTo(402);
        assertThat(usedOf(guestId, "chat")).isEqualTo(3);
    }

    @Test
    void a_consume_or_claim_retried_with_the_same_idempotency_key_counts_once_and_gets_the_first_answer()
            throws Exception {
        String token = init().get("guest_token").asText();
        String guestId = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        String body = "{\"guestToken\":\"" + token + "\",\"action\":\"chat\"}";
        Response first = service.internal("POST", "/guests/consume", body, "Idempotency-Key", "consume-1");
        Response retry = service.internal("POST", "/guests/consume", body, "Idempotency-Key", "consume-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("remaining").asLong()).isEqualTo(first.json().get("remaining").asLong()).isEqualTo(2);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(usedOf(guestId, "chat")).isEqualTo(1);

        // parallel retries of one key still count once
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Response>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> service.internal("POST", "/guests/consume", body,
                        "Idempotency-Key", "consume-2")));
            }
            for (var f : futures) {
                assertThat(f.get().status()).isEqualTo(200);
                assertThat(f.get().json().get("remaining").asLong()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(usedOf(guestId, "chat")).isEqualTo(2);

        // same key, another request: 422 and nothing counted
        Response reused = service.internal("POST", "/guests/consume",
                "{\"guestToken\":\"" + token + "\",\"action\":\"upload\"}", "Idempotency-Key", "consume-1");
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(usedOf(guestId, "upload")).isZero();

        // a refusal is replayed as well, even once the guest could consume again
        assertThat(consume(token, "chat").status()).isEqualTo(200);
        Response refused = service.internal("POST", "/guests/consume", body, "Idempotency-Key", "consume-3");
        assertThat(refused.status()).isEqualTo(402);
        moveWindowBack(guestId, "25 hours");
        Response replayedRefusal = service.internal("POST", "/guests/consume", body, "Idempotency-Key", "consume-3");
        assertThat(replayedRefusal.status()).isEqualTo(402);
        assertThat(replayedRefusal.header("Idempotent-Replayed")).isEqualTo("true");

        UUID user = service.createUser("guest-claim-key@example.com");
        String claim = "{\"guestToken\":\"" + token + "\",\"userId\":\"" + user + "\"}";
        Response claimed = service.internal("POST", "/guests/claim", claim, "Idempotency-Key", "claim-1");
        Response claimedAgain = service.internal("POST", "/guests/claim", claim, "Idempotency-Key", "claim-1");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimedAgain.status()).isEqualTo(200);
        assertThat(claimedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        UUID other = service.createUser("guest-claim-key-2@example.com");
        Response otherBody = service.internal("POST", "/guests/claim",
                "{\"guestToken\":\"" + token + "\",\"userId\":\"" + other + "\"}", "Idempotency-Key", "claim-1");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(service.count("guest_claims WHERE guest_id = '" + guestId + "'")).isEqualTo(1);
    }

    /**
     * Ages the guest's uses by {@code interval} without moving the clock: the one arrangement the
     * clock cannot make, a window that has passed while the token and the idempotency keys of that
     * moment are still valid (the token from {@code init} lives exactly one window).
     */
    private static void moveWindowBack(String guestId, String interval) {
        service.jdbi().useHandle(h -> h.createUpdate("UPDATE guest_usage"
                        + " SET uses = ARRAY(SELECT t - :i::interval FROM unnest(uses) AS u(t) ORDER BY t),"
                        + " last_used_at = last_used_at - :i::interval WHERE guest_id = :g::uuid")
                .bind("i", interval).bind("g", guestId).execute());
    }

    @Test
    void bad_consume_requests_are_refused_and_count_nothing() throws Exception {
        String token = init().get("guest_token").asText();
        long before = usage();

        Response missing = service.internal("POST", "/guests/consume", "{\"action\":\"chat\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("guestToken");

        Response unknownAction = consume(token, "download");
        assertThat(unknownAction.status()).isEqualTo(400);
        assertThat(unknownAction.json().get("field").asText()).isEqualTo("action");
        assertThat(consume(token, "CHAT").status()).isEqualTo(400);
        assertThat(service.internal("POST", "/guests/consume", "{\"guestToken\":\"" + token + "\"}").status())
                .isEqualTo(400);
        assertThat(service.internal("POST", "/guests/consume", "[1]").status()).isEqualTo(400);
        assertThat(service.internal("POST", "/guests/consume", "{\"guestToken\":").status()).isEqualTo(400);

        Instant now = service.clock().instant();
        String guest = UUID.randomUUID().toString();
        List<String> invalid = List.of(
                "garbage",
                token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"),
                // signed with another secret
                sign("another-secret-0123456789abcdef0123456", guestClaims(guest, now, now.plusSeconds(3600))),
                // expired a minute ago
                sign(GUEST_SECRET, guestClaims(guest, now.minusSeconds(86_460), now.minusSeconds(60))),
                // not a guest token (no typ)
                sign(GUEST_SECRET, new JWTClaimsSet.Builder().subject(guest).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(60))).build()),
                // sub not a UUID
                sign(GUEST_SECRET, guestClaims("guest-1", now, now.plusSeconds(60))),
                // a user bearer token is not a guest token
                TestService.tokenFor(UUID.randomUUID()));
        for (String bad : invalid) {
            Response r = consume(bad, "chat");
            assertThat(r.status()).as(bad).isEqualTo(401);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_GUEST_TOKEN");
        }

        // Without the service secret: 401 before anything else.
        Response noSecret = service.json("POST", "/api/internal/guests/consume",
                "{\"guestToken\":\"" + token + "\",\"action\":\"chat\"}");
        assertThat(noSecret.status()).isEqualTo(401);

        assertThat(usage()).isEqualTo(before);
    }

    static JWTClaimsSet guestClaims(String sub, Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder().subject(sub).claim("typ", "guest")
                .issueTime(Date.from(iat)).expirationTime(Date.from(exp)).build();
    }

    @Test
    void a_guest_is_claimed_once_repeating_is_idempotent_and_another_user_gets_409() {
        UUID user = service.createUser("claimer@example.com");
        UUID other = service.createUser("other-claimer@example.com");
        JsonNode guest = init();
        String token = guest.get("guest_token").asText();
        String guestId = guest.get("guest_id").asText();
        String body = "{\"guestToken\":\"" + token + "\",\"userId\":\"" + user + "\"}";

        Response first = service.internal("POST", "/guests/claim", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("claimed").asBoolean()).isTrue();
        Response again = service.internal("POST", "/guests/claim", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());

        Response stolen = service.internal("POST", "/guests/claim",
                "{\"guestToken\":\"" + token + "\",\"userId\":\"" + other + "\"}");
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.json().get("code").asText()).isEqualTo("GUEST_ALREADY_CLAIMED");

        assertThat(service.count("guest_claims WHERE guest_id = '" + guestId + "'")).isEqualTo(1);
        assertThat(service.count("guest_claims WHERE guest_id = '" + guestId + "' AND user_id = '" + user + "'"))
                .isEqualTo(1);
    }

    @Test
    void bad_claims_are_refused_and_record_nothing() {
        UUID user = service.createUser("claim-bad@example.com");
        String token = init().get("guest_token").asText();
        long before = service.count("guest_claims");

        Response unknownUser = service.internal("POST", "/guests/claim",
                "{\"guestToken\":\"" + token + "\",\"userId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");

        Response badUser = service.internal("POST", "/guests/claim",
                "{\"guestToken\":\"" + token + "\",\"userId\":\"nope\"}");
        assertThat(badUser.status()).isEqualTo(400);
        assertThat(badUser.json().get("field").asText()).isEqualTo("userId");

        Response noToken = service.internal("POST", "/guests/claim", "{\"userId\":\"" + user + "\"}");
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.json().get("field").asText()).isEqualTo("guestToken");

        Response badToken = service.internal("POST", "/guests/claim",
                "{\"guestToken\":\"x.y.z\",\"userId\":\"" + user + "\"}");
        assertThat(badToken.status()).isEqualTo(401);

        assertThat(service.count("guest_claims")).isEqualTo(before);
    }

    @Test
    void without_guest_secret_the_guest_endpoints_answer_503_naming_it() {
        try (TestService bare = TestService.start()) {
            Response init = bare.json("POST", "/api/guest/init", null);
            assertThat(init.status()).isEqualTo(503);
            assertThat(init.json().get("detail").asText()).contains("GUEST_SECRET");
            assertThat(init.header("Set-Cookie")).isNull();
            Response c = bare.internal("POST", "/guests/consume", "{\"guestToken\":\"a.b.c\",\"action\":\"chat\"}");
            assertThat(c.status()).isEqualTo(503);
            assertThat(c.json().get("detail").asText()).contains("GUEST_SECRET");
            assertThat(bare.count("guest_usage")).isZero();
        }
    }
}
