package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeFixtures;
import dev.creditline.stripe.testing.StripeStub;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range numbers never reach SQL as a 500: a signed Stripe event whose {@code created} is
 * absurd is recorded as a problem and answered 200 (Stripe stops retrying); unsigned inputs get a
 * 400 problem+json (docs/api.md "Input robustness").
 */
@DatabaseTest
class OutOfRangeValuesTest {

    private static final String WEBHOOK_SECRET = "whsec_test_out_of_range_0123456789";
    private static StripeStub stub;
    private static TestService service;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        service = TestService.start(Map.of("STRIPE_SECRET_KEY", "sk_test_out_of_range", "STRIPE_API_BASE",
                stub.baseUrl(), "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
    }

    @AfterAll
    static void stop() {
        service.close();
        stub.close();
    }

    @Test
    void aSignedStripeEventWithAnAbsurdCreatedIsRecordedAsAProblemAndAnswered200() {
        UUID user = service.createUser("range-" + UUID.randomUUID() + "@example.com");
        long balanceBefore = service.asUser(user, "GET", "/api/credits/balance", null).json().path("balance").asLong();
        for (long created : List.of(1_000_000_000_000_000L, -5L, 253_402_300_800L, Long.MAX_VALUE)) {
            for (String type : List.of("checkout.session.completed", "charge.refunded", "customer.created")) {
                String eventId = "evt_range_" + UUID.randomUUID().toString().replace("-", "");
                JsonObject object = StripeFixtures.checkoutSession();
                object.addProperty("client_reference_id", user.toString());
                String payload = StripeEvents.envelope(eventId, type, created, object);
                Response r = deliver(payload);
                assertThat(r.status()).as(type + " created=" + created + ": " + r).isEqualTo(200);
                assertThat(service.count("stripe_events WHERE event_id = '" + eventId
                        + "' AND outcome = 'problem' AND problem_code = 'MALFORMED_STRIPE_EVENT'"))
                        .as(type + " created=" + created).isEqualTo(1);
            }
        }
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().path("balance").asLong())
                .isEqualTo(balanceBefore);
    }

    @Test
    void outOfRangeTimestampsInUnsignedInputsAre400() {
        UUID user = service.createUser("range-u-" + UUID.randomUUID() + "@example.com");
        for (String path : List.of("/api/user/usage-stats?startTime=0&endTime=1000000000000000",
                "/api/user/usage-stats?startTime=1000000000000000&endTime=1000000000000001",
                "/api/user/model-calls?startTime=99999999999999&endTime=999999999999999")) {
            Response r = service.asUser(user, "GET", path, null);
            assertThat(r.status()).as(path + ": " + r).isBetween(400, 499);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                + "\"usage\":{\"inputTokens\":10,\"outputTokens\":5},\"callTime\":1000000000000000}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
    }

    private static Response deliver(String payload) {
        return service.send(service.request("/api/billing/webhook")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripeEvents.signatureHeader(payload, WEBHOOK_SECRET,
                        Instant.now().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
    }
}
