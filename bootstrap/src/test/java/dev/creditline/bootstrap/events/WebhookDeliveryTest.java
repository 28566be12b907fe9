package dev.creditline.bootstrap.events;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against real receivers on 127.0.0.1 (docs/events.md): retries keep the
 * webhook-id, a receiver down for the whole (short, configured) retry window ends in
 * {@code failed}, visible in the admin API, and an admin retry delivers it; endpoints are disabled
 * after repeated failures and re-enabled by an admin; secrets rotate with two signatures; hostile
 * URLs are refused naming the field; a rolled-back change emits nothing.
 */
@DatabaseTest
class WebhookDeliveryTest {

    private static final String ADMIN_EMAIL = "webhook-admin@example.com";
    private static final AtomicLong SEQ = new AtomicLong();
    private static TestService service;
    private static UUID admin;

    @BeforeAll
    static void start() {
        service = TestService.start(Map.of("ALLOW_HTTP_WEBHOOKS", "true", "ADMIN_EMAILS", ADMIN_EMAIL,
                "WEBHOOK_DISPATCH_INTERVAL_MS", "50", "WEBHOOK_RETRY_SCHEDULE", "200ms,200ms",
                "WEBHOOK_DISABLE_AFTER_FAILURES", "3", "SIGNUP_BONUS_CREDITS", "0", "LOW_BALANCE_THRESHOLDS", "off"));
        admin = service.createUser(ADMIN_EMAIL);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Response admin(String method, String path, String body) {
        return service.asUser(admin, method, path, body);
    }

    /**
     * An endpoint for {@code receiver} subscribed to {@code user.created} only; returns {id, secret}.
     * An event of an earlier test that the dispatcher has not fanned out yet is not delivered to it
     * (fan-out compares the event's and the endpoint's creation times), so the receiver's scripted
     * answers are taken by this test's events only.
     */
    private static String[] endpoint(WebhookReceiver receiver) {
        Response r = admin("POST", "/api/admin/webhook-endpoints", "{\"url\":\"" + receiver.url()
                + "\",\"eventTypes\":[\"user.created\"],\"description\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String secret = r.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.verifyWith(secret);
        return new String[] {r.json().get("id").asText(), secret};
    }

    private static UUID user() {
        return service.createUser("wh-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com");
    }

    private static List<WebhookReceiver.Received> of(WebhookReceiver r, UUID user) {
        return r.received(x -> x.json().path("data").path("userId").asText().equals(user.toString()));
    }

    private static JsonNode deliveries(String query) {
        Response r = admin("GET", "/api/admin/webhook-deliveries?" + query, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    @Test
    void a_receiver_answering_500_twice_then_200_gets_three_attempts_with_the_same_webhook_id() {
        try (WebhookReceiver receiver = WebhookReceiver.start(null)) {
            String[] endpoint = endpoint(receiver);
            receiver.answer(500, 500);
            UUID user = user();
            assertThat(receiver.await(Duration.ofSeconds(20), all -> of(receiver, user).size() >= 3)).isTrue();
            List<WebhookReceiver.Received> got = of(receiver, user);
            assertThat(got).hasSize(3);
            assertThat(got).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
            assertThat(got).extracting(WebhookReceiver.Received::id).containsOnly(got.get(0).id());
            assertThat(got).allMatch(WebhookReceiver.Received::validSignature);
            assertThat(got).extracting(WebhookReceiver.Received::body).containsOnly(got.get(0).body());
            assertThat(eventually(Duration.ofSeconds(5), () -> deliveries("endpointId=" + endpoint[0]
                    + "&status=delivered").get("total").asLong() == 1)).isTrue();
            JsonNode d = deliveries("endpointId=" + endpoint[0]).get("items").get(0);
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
            assertThat(d.get("eventId").asText()).isEqualTo(got.get(0).id());
            assertThat(d.get("eventType").asText()).isEqualTo("user.created");
            assertThat(d.get("lastStatusCode").asInt()).isEqualTo(200);
            assertThat(service.count("webhook_attempts WHERE delivery_id = '" + d.get("id").asText() + "'"))
                    .isEqualTo(3);
            admin("DELETE", "/api/admin/webhook-endpoints/" + endpoint[0], null);
        }
    }

    @Test
    void a_receiver_that_hangs_holds_at_most_half_the_senders_and_never_delays_other_endpoints() {
        try (WebhookReceiver hanging = WebhookReceiver.start(null); WebhookReceiver healthy = WebhookReceiver.start(null)) {
            hanging.delay(Duration.ofSeconds(30)); // beyond the 10 s timeout of an attempt
            String[] slow = endpoint(hanging);
            String[] fast = endpoint(healthy);
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                users.add(user());
            }
            // Well inside the hanging attempts' 10 s timeout: nothing waits for them.
            assertThat(healthy.await(Duration.ofSeconds(8),
                    all -> users.stream().allMatch(u -> !of(healthy, u).isEmpty()))).isTrue();
            assertThat(users).allMatch(u -> of(healthy, u).size() == 1);
            // 8 senders (WEBHOOK_DISPATCH_CONCURRENCY's default): at most 4 on one endpoint at once
            assertThat(hanging.maxInFlight()).isBetween(1, 4);
            admin("DELETE", "/api/admin/webhook-endpoints/" + slow[0], null);
            admin("DELETE", "/api/admin/webhook-endpoints/" + fast[0], null);
        }
    }

    @Test
    void a_receiver_down_for_the_whole_retry_window_ends_failed_and_an_admin_retry_delivers_it() {
        WebhookReceiver down = WebhookReceiver.start(null);
        String[] endpoint = endpoint(down);
        int port = down.port();
        down.close();
        UUID user = user();
        assertThat(eventually(Duration.ofSeconds(20), () -> deliveries("status=failed&endpointId=" + endpoint[0])
                .get("total").asLong() == 1)).isTrue();
        JsonNode failed = deliveries("status=failed&endpointId=" + endpoint[0] + "&eventType=user.created")
                .get("items").get(0);
        assertThat(failed.get("attempts").asInt()).isEqualTo(3); // 1 + the 2 delays of the schedule
        assertThat(failed.get("userId").asText()).isEqualTo(user.toString());
        assertThat(failed.get("lastError").asText()).isNotBlank();
        assertThat(failed.get("nextAttemptAt").isNull()).isTrue();

        try (WebhookReceiver back = WebhookReceiver.startOn(port, endpoint[1])) {
            Response retry = admin("POST", "/api/admin/webhook-deliveries/" + failed.get("id").asText() + "/retry", null);
            assertThat(retry.status()).as(retry.body()).isEqualTo(200);
            assertThat(retry.json().get("status").asText()).isEqualTo("pending");
            assertThat(back.await(Duration.ofSeconds(10), all -> !of(back, user).isEmpty())).isTrue();
            WebhookReceiver.Received r = of(back, user).get(0);
            assertThat(r.id()).isEqualTo(failed.get("eventId").asText());
            assertThat(r.validSignature()).isTrue();
            assertThat(eventually(Duration.ofSeconds(5), () -> deliveries("status=delivered&endpointId=" + endpoint[0])
                    .get("total").asLong() == 1)).isTrue();
            assertThat(deliveries("endpointId=" + endpoint[0]).get("items").get(0).get("attempts").asInt()).isEqualTo(4);
        }
        admin("DELETE", "/api/admin/webhook-endpoints/" + endpoint[0], null);
    }

    @Test
    void an_endpoint_failing_repeatedly_is_disabled_and_an_admin_enables_it_again() {
        WebhookReceiver down = WebhookReceiver.start(null);
        String[] endpoint = endpoint(down);
        int port = down.port();
        down.close();
        for (int i = 0; i < 3; i++) {
            user();
        }
        assertThat(eventually(Duration.ofSeconds(30), () -> !admin("GET", "/api/admin/webhook-endpoints/"
                + endpoint[0], null).json().get("enabled").asBoolean())).isTrue();
        JsonNode disabled = admin("GET", "/api/admin/webhook-endpoints/" + endpoint[0], null).json();
        assertThat(disabled.get("disabledReason").asText()).contains("3");
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(disabled.has("secret")).isFalse();
        // while disabled, new events are not fanned out to it
        UUID skipped = user();
        assertThat(eventually(Duration.ofSeconds(10), () -> service.count("event_outbox WHERE subject_id = '"
                + skipped + "' AND fanned_out_at IS NOT NULL") == 1)).isTrue();
        assertThat(service.count("webhook_deliveries WHERE subject_id = '" + skipped + "'")).isZero();
        try (WebhookReceiver back = WebhookReceiver.startOn(port, endpoint[1])) {
            Response enabled = admin("PATCH", "/api/admin/webhook-endpoints/" + endpoint[0], "{\"enabled\":true}");
            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
            assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
            assertThat(enabled.json().get("consecutiveFailures").asInt()).isZero();
            UUID next = user();
            assertThat(back.await(Duration.ofSeconds(10), all -> !of(back, next).isEmpty())).isTrue();
            assertThat(of(back, skipped)).isEmpty();
        }
        admin("DELETE", "/api/admin/webhook-endpoints/" + endpoint[0], null);
    }

    @Test
    void a_rotated_secret_signs_next_to_the_old_one_during_the_grace_period() {
        try (WebhookReceiver receiver = WebhookReceiver.start(null)) {
            String[] endpoint = endpoint(receiver);
            Response rotated = admin("PATCH", "/api/admin/webhook-endpoints/" + endpoint[0], "{\"rotateSecret\":true}");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newSecret = rotated.json().get("secret").asText();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint[1]);
            assertThat(rotated.json().get("previousSecretExpiresAt").asText()).isNotBlank();
            UUID user = user();
            assertThat(receiver.await(Duration.ofSeconds(10), all -> !of(receiver, user).isEmpty())).isTrue();
            WebhookReceiver.Received r = of(receiver, user).get(0);
            assertThat(r.signature().split(" ")).hasSize(2);
            assertThat(WebhookReceiver.verify(endpoint[1], r.id(), Long.toString(r.timestamp()), r.signature(), r.body()))
                    .as("old secret").isTrue();
            assertThat(WebhookReceiver.verify(newSecret, r.id(), Long.toString(r.timestamp()), r.signature(), r.body()))
                    .as("new secret").isTrue();
            assertThat(WebhookReceiver.verify(WebhookReceiver.newSecret(), r.id(), Long.toString(r.timestamp()),
                    r.signature(), r.body())).as("another secret").isFalse();
            JsonNode listed = admin("GET", "/api/admin/webhook-endpoints", null).json();
            assertThat(listed.toString()).doesNotContain(newSecret).doesNotContain(endpoint[1]);
            admin("DELETE", "/api/admin/webhook-endpoints/" + endpoint[0], null);
            assertThat(admin("GET", "/api/admin/webhook-endpoints/" + endpoint[0], null).status()).isEqualTo(404);
        }
    }

    @Test
    void hostile_endpoint_urls_and_bad_event_types_are_400_naming_the_field_and_write_nothing() {
        try (WebhookReceiver receiver = WebhookReceiver.start(null)) {
            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                closedPort = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long before = service.count("webhook_endpoints");
            List<String[]> cases = new ArrayList<>(List.of(
                    new String[] {"{\"url\":\"http://example.com/hook\"}", "url"},
                    new String[] {"{\"url\":\"https://user:secret@example.com/hook\"}", "url"},
                    new String[] {"{\"url\":\"https://user@127.0.0.1:" + receiver.port() + "/hook\"}", "url"},
                    new String[] {"{\"url\":\"file:///etc/passwd\"}", "url"},
                    new String[] {"{\"url\":\"ftp://example.com/x\"}", "url"},
                    new String[] {"{\"url\":\"javascript:alert(1)\"}", "url"},
                    new String[] {"{\"url\":\"/relative/path\"}", "url"},
                    new String[] {"{\"url\":\"https://\"}", "url"},
                    new String[] {"{\"url\":\"https://no-such-host.invalid/hook\"}", "url"},
                    new String[] {"{\"url\":\"https://169.254.169.254/latest/meta-data\"}", "url"},
                    new String[] {"{\"url\":\"https://0.0.0.0/hook\"}", "url"},
                    new String[] {"{\"url\":\"http://127.0.0.1:" + closedPort + "/hook\"}", "url"},
                    new String[] {"{\"url\":\"https://127.0.0.1:" + closedPort + "/hook\"}", "url"},
                    new String[] {"{\"url\":\"" + receiver.url() + "#frag\"}", "url"},
                    new String[] {"{\"url\":\" " + receiver.url() + "\"}", "url"},
                    new String[] {"{\"url\":\"https://example.com/" + "x".repeat(2100) + "\"}", "url"},
                    new String[] {"{\"url\":12}", "url"},
                    new String[] {"{}", "url"},
                    new String[] {"{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"credits.nope\"]}", "eventTypes"},
                    new String[] {"{\"url\":\"" + receiver.url() + "\",\"eventTypes\":\"user.created\"}", "eventTypes"},
                    new String[] {"{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[1]}", "eventTypes"},
                    new String[] {"{\"url\":\"" + receiver.url() + "\",\"description\":\"" + "d".repeat(501) + "\"}",
                            "description"}));
            for (String[] c : cases) {
                Response r = admin("POST", "/api/admin/webhook-endpoints", c[0]);
                assertThat(r.status()).as(c[0].length() > 200 ? c[0].substring(0, 200) : c[0] + " → " + r.body())
                        .isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(c[1]);
            }
            assertThat(service.count("webhook_endpoints")).isEqualTo(before);
            // PATCH checks the same way, and changes nothing
            String[] endpoint = endpoint(receiver);
            Response patched = admin("PATCH", "/api/admin/webhook-endpoints/" + endpoint[0],
                    "{\"url\":\"file:///etc/passwd\",\"description\":\"changed\"}");
            assertThat(patched.status()).isEqualTo(400);
            assertThat(patched.json().get("field").asText()).isEqualTo("url");
            assertThat(admin("GET", "/api/admin/webhook-endpoints/" + endpoint[0], null).json().get("description")
                    .asText()).isEqualTo("test");
            admin("DELETE", "/api/admin/webhook-endpoints/" + endpoint[0], null);
        }
    }

    @Test
    void the_admin_api_is_for_admins_and_unknown_ids_are_404() {
        UUID user = user();
        assertThat(service.asUser(user, "GET", "/api/admin/webhook-endpoints", null).status()).isEqualTo(403);
        assertThat(service.asUser(user, "GET", "/api/admin/webhook-deliveries", null).status()).isEqualTo(403);
        assertThat(service.json("GET", "/api/admin/webhook-endpoints", null).status()).isEqualTo(401);
        assertThat(admin("GET", "/api/admin/webhook-endpoints/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/api/admin/webhook-endpoints/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        assertThat(admin("POST", "/api/admin/webhook-deliveries/" + UUID.randomUUID() + "/retry", null).status())
                .isEqualTo(404);
        Response bad = admin("GET", "/api/admin/webhook-deliveries?status=lost", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("status");
        Response badType = admin("GET", "/api/admin/webhook-deliveries?eventType=user.nope", null);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("field").asText()).isEqualTo("eventType");
    }

    @Test
    void a_rolled_back_change_emits_nothing() {
        UUID user = user();
        long events = service.count("event_outbox WHERE subject_id = '" + user + "'");
        // A 402: the debit is refused, nothing changes and no event of this service's is written.
        Response refused = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":5}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(service.count("event_outbox WHERE subject_id = '" + user + "' AND type <> 'credits.depleted'"))
                .isEqualTo(events);
        // An injected failure after the outbox insert, in the grant's transaction: the lot, the ledger
        // entry and the event all roll back.
        service.jdbi().useHandle(h -> h.execute("""
                CREATE OR REPLACE FUNCTION fail_granted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$;
                CREATE TRIGGER fail_granted AFTER INSERT ON event_outbox FOR EACH ROW
                WHEN (NEW.type = 'credits.granted' AND NEW.body LIKE '%"amount":4242,%') EXECUTE FUNCTION fail_granted();
                """));
        try {
            Response failed = service.internal("POST", "/grants", "{\"userId\":\"" + user
                    + "\",\"amount\":4242,\"category\":\"promotion\"}");
            assertThat(failed.status()).isGreaterThanOrEqualTo(500);
        } finally {
            service.jdbi().useHandle(h -> h.execute("DROP TRIGGER fail_granted ON event_outbox"));
        }
        assertThat(service.count("event_outbox WHERE subject_id = '" + user + "' AND type <> 'credits.depleted'"))
                .isEqualTo(events);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isZero();
        // the same grant without the fault commits with its event
        Response ok = service.internal("POST", "/grants", "{\"userId\":\"" + user
                + "\",\"amount\":4242,\"category\":\"promotion\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(service.count("event_outbox WHERE subject_id = '" + user + "' AND type = 'credits.granted'"))
                .isEqualTo(1);
    }
}
