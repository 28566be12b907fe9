package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.deliver;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.service.LotExpiryNoticeService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.WebhookReceiver;
import dev.creditline.persistence.JdbiEventOutbox;
import dev.creditline.persistence.JdbiExpiringLotNotices;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event type of events.md this service emits by itself reaches a real receiver on 127.0.0.1
 * (the {@code WEBHOOK_URL} endpoint) in the Standard Webhooks format, with a signature the receiver
 * verifies independently, and carries the documented data (docs/events.md "Event types").
 */
@DatabaseTest
class WebhookEventTypesTest {

    private static final String SECRET = WebhookReceiver.newSecret();
    private static StripeStub stub;
    private static WebhookReceiver receiver;
    private static TestService service;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        receiver = WebhookReceiver.start(SECRET);
        Map<String, String> env = new java.util.HashMap<>(BillingTestKit.env(stub));
        env.put("WEBHOOK_URL", receiver.url());
        env.put("WEBHOOK_SECRET", SECRET);
        env.put("ALLOW_HTTP_WEBHOOKS", "true");
        env.put("WEBHOOK_DISPATCH_INTERVAL_MS", "50");
        env.put("LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "1");
        env.put("HOLD_SWEEP_INTERVAL_SECONDS", "1");
        service = TestService.start(env);
    }

    @AfterAll
    static void stop() {
        service.close();
        receiver.close();
        stub.close();
    }

    private static List<WebhookReceiver.Received> of(UUID user) {
        return receiver.received(r -> r.json().path("data").path("userId").asText().equals(user.toString()));
    }

    private static JsonNode data(UUID user, String type) {
        return of(user).stream().filter(r -> r.type().equals(type)).findFirst().orElseThrow().json().get("data");
    }

    @Test
    void every_event_type_is_delivered_signed_with_its_data() {
        UUID user = service.createUser(id("events") + "@example.com");
        String customer = id("cus");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond();
        String pi = id("pi");
        String session = id("cs");
        // purchase.completed + credits.granted
        assertThat(deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, session,
                user, "starter", 50_000, "paid", pi, 500)).status()).isEqualTo(200);
        // subscription.updated
        String sub = id("sub");
        assertThat(deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, sub,
                "pro")).status()).isEqualTo(200);
        // refund.clawed_back
        assertThat(deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 1, id("ch"), pi, 500, 100,
                List.of())).status()).isEqualTo(200);
        // lot.expiring (expires in 3 days, notice period 7) and lot.expired (expires in a minute)
        Instant in3Days = service.clock().instant().plus(Duration.ofDays(3));
        Instant inAMinute = service.clock().instant().plus(Duration.ofMinutes(1));
        assertThat(service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":700,"
                + "\"category\":\"promotion\",\"expiresAt\":\"" + in3Days + "\"}").status()).isEqualTo(201);
        assertThat(service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":300,"
                + "\"category\":\"promotion\",\"expiresAt\":\"" + inAMinute + "\"}").status())
                .isEqualTo(201);
        // (the hold below would burn from the short lot first: let that lot expire untouched, by the sweeper)
        // Deliveries are leased for 60 s of the service clock: jumping it a minute ahead while one is in
        // flight would expire its lease and send it again (at least once). Let everything so far land first.
        assertThat(Eventually.holdsWithin(Duration.ofSeconds(30), () -> service.count(
                "event_outbox WHERE subject_id = '" + user + "' AND fanned_out_at IS NULL") == 0
                && service.count("webhook_deliveries WHERE subject_id = '" + user + "' AND status = 'pending'") == 0))
                .as("deliveries before the clock jump: %s", types(user)).isTrue();
        service.clock().advancePast(inAMinute);
        assertThat(receiver.await(Duration.ofSeconds(20), all -> types(user).contains("lot.expired")))
                .as("received: %s", types(user)).isTrue();
        // hold.expired: a 1 s hold the sweeper settles
        Response hold = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":100,\"ttlSeconds\":1}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        service.clock().advancePast(Instant.parse(hold.json().get("expiresAt").asText()));

        Set<String> expected = Set.of("user.created", "credits.granted", "purchase.completed", "subscription.updated",
                "refund.clawed_back", "lot.expiring", "lot.expired", "hold.expired");
        assertThat(receiver.await(Duration.ofSeconds(30), all -> of(user).stream().map(WebhookReceiver.Received::type)
                .collect(Collectors.toSet()).containsAll(expected)))
                .as("received: %s", types(user)).isTrue();

        // user.deleted, after the rest (every deletion path goes through the one repository delete)
        stub.reset();
        Response deleted = service.asUser(user, "DELETE", "/api/users/me", null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(receiver.await(Duration.ofSeconds(15), all -> types(user).contains("user.deleted"))).isTrue();

        for (WebhookReceiver.Received r : of(user)) {
            assertThat(r.validSignature()).as("signature of %s", r.body()).isTrue();
            JsonNode body = r.json();
            assertThat(body.get("id").asText()).isEqualTo(r.id()).startsWith("evt_");
            assertThat(Instant.parse(body.get("timestamp").asText())).isBefore(service.clock().instant().plusSeconds(1));
            assertThat(body.get("data").get("userId").asText()).isEqualTo(user.toString());
            assertThat(Math.abs(r.timestamp() - service.clock().instant().getEpochSecond())).isLessThan(120);
        }
        // per user, the sequence numbers are 1..n without gaps, each event delivered once
        List<Long> sequences = of(user).stream().map(r -> r.json().get("sequence").asLong()).sorted().toList();
        assertThat(sequences).doesNotHaveDuplicates();
        assertThat(sequences.get(0)).isEqualTo(1);
        assertThat(sequences.get(sequences.size() - 1)).isEqualTo(sequences.size());
        assertThat(of(user).stream().filter(r -> r.type().equals("user.deleted")).findFirst().orElseThrow()
                .json().get("sequence").asLong()).isEqualTo(sequences.size());

        assertThat(data(user, "user.created").get("email").asText()).endsWith("@example.com");
        assertThat(data(user, "user.deleted").get("email").asText()).endsWith("@example.com");
        JsonNode purchase = data(user, "purchase.completed");
        assertThat(purchase.get("packId").asText()).isEqualTo("starter");
        assertThat(purchase.get("credits").asLong()).isEqualTo(50_000);
        assertThat(purchase.get("checkoutSessionId").asText()).isEqualTo(session);
        assertThat(purchase.get("paymentIntentId").asText()).isEqualTo(pi);
        JsonNode granted = of(user).stream().filter(r -> r.type().equals("credits.granted")
                && r.json().at("/data/lot/category").asText().equals("purchase")).findFirst().orElseThrow()
                .json().get("data");
        assertThat(granted.at("/lot/amount").asLong()).isEqualTo(50_000);
        assertThat(granted.get("balance").asLong()).isEqualTo(60_000); // signup bonus 10,000 + 50,000
        JsonNode subscription = data(user, "subscription.updated");
        assertThat(subscription.get("plan").asText()).isEqualTo("pro");
        assertThat(subscription.get("status").asText()).isEqualTo("active");
        assertThat(subscription.get("cancelAtPeriodEnd").asBoolean()).isFalse();
        JsonNode refund = data(user, "refund.clawed_back");
        assertThat(refund.get("credits").asLong()).isEqualTo(10_000); // 100 of 500 cents of 50,000 credits
        assertThat(refund.get("debt").asLong()).isZero();
        assertThat(refund.get("chargeId").asText()).startsWith("ch_");
        assertThat(of(user).stream().filter(r -> r.type().equals("lot.expiring"))
                .map(r -> r.json().at("/data/lot/amount").asLong())).contains(700L);
        JsonNode expired = data(user, "lot.expired");
        assertThat(expired.at("/lot/amount").asLong()).isEqualTo(300);
        assertThat(expired.get("expired").asLong()).isEqualTo(300);
        assertThat(expired.at("/lot/status").asText()).isEqualTo("expired");
        JsonNode heldExpired = data(user, "hold.expired");
        assertThat(heldExpired.at("/hold/id").asText()).isEqualTo(hold.json().get("holdId").asText());
        assertThat(heldExpired.at("/hold/status").asText()).isEqualTo("expired");
        assertThat(heldExpired.at("/hold/released").asLong()).isEqualTo(100);
    }

    @Test
    void lot_expiring_is_emitted_once_per_lot() throws InterruptedException {
        UUID user = service.createUser(id("expiring") + "@example.com");
        service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":500,\"category\":\"promotion\","
                + "\"expiresAt\":\"" + service.clock().instant().plus(Duration.ofDays(2)) + "\"}");
        assertThat(receiver.await(Duration.ofSeconds(15), all -> types(user).contains("lot.expiring"))).isTrue();
        // two more notice passes, run here rather than waited for
        JdbiTransactions tx = new JdbiTransactions(service.jdbi());
        Clock clock = MicrosecondClock.of(service.clock());
        LotExpiryNoticeService notices = new LotExpiryNoticeService(tx, new JdbiExpiringLotNotices(tx),
                new JdbiEventOutbox(tx, clock), clock, Duration.ofDays(7));
        notices.noticeExpiringLots(500);
        notices.noticeExpiringLots(500);
        assertThat(of(user).stream().filter(r -> r.type().equals("lot.expiring"))).hasSize(1);
        assertThat(service.count("event_outbox WHERE subject_id = '" + user + "' AND type = 'lot.expiring'"))
                .isEqualTo(1);
    }

    private static Set<String> types(UUID user) {
        return of(user).stream().map(WebhookReceiver.Received::type).collect(Collectors.toCollection(TreeSet::new));
    }
}
