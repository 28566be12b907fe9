package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * No Stripe call runs inside a database transaction: a cancel decided by a webhook is a durable
 * intent committed with the event and performed after commit, retried until Stripe confirms;
 * every cancel request has its own durable id and idempotency key.
 */
@DatabaseTest
class StripeOutsideTransactionsTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(env());

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(BillingTestKit.env(stub));
        env.put("STRIPE_INTENT_INTERVAL_SECONDS", "1");
        return env;
    }

    /** A user subscribed to {@code sub}. */
    private static UUID subscriber(String customer, String sub) {
        UUID user = service.createUser(id("intent") + "@example.com");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond() - 20;
        BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, sub,
                "pro"));
        return user;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Eventually.eventually(what, condition);
    }

    @Test
    void a_duplicate_subscription_is_cancelled_after_commit_and_retried_until_stripe_confirms() throws Exception {
        String customer = id("cus");
        String first = id("sub");
        String duplicate = id("sub");
        UUID user = subscriber(customer, first);
        stub.failAlways(StripeStub.Failure.serverError());
        try {
            // Stripe is down: the webhook still commits (200) and the user's other requests work
            Response r = BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"),
                    Instant.now().getEpochSecond() - 10, id("cs"), user, customer, duplicate, "pro"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(service.count("stripe_intents WHERE target_id = '" + duplicate + "' AND status = 'pending'"))
                    .isEqualTo(1);
            assertThat(service.asUser(user, "GET", "/api/users/profile", null).status()).isEqualTo(200);
            await(() -> !stub.requests("DELETE", "/v1/subscriptions/" + duplicate).isEmpty(), "a first attempt");
        } finally {
            stub.failAlways(null);
        }
        await(() -> service.count("stripe_intents WHERE target_id = '" + duplicate + "' AND status = 'done'") == 1,
                "the retried cancel");
        var cancels = stub.requests("DELETE", "/v1/subscriptions/" + duplicate);
        assertThat(cancels).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("cancel_duplicate_" + duplicate));
        assertThat(BillingTestKit.state(service, user)).startsWith("pro|" + first + "|active|");
    }

    @Test
    void each_cancel_request_has_its_own_durable_id_and_idempotency_key() {
        String customer = id("cus");
        String sub = id("sub");
        UUID user = subscriber(customer, sub);
        long t = Instant.now().getEpochSecond();
        stub.reset();
        assertThat(service.asUser(user, "POST", "/api/billing/cancel", null).status()).isEqualTo(200);
        // resumed in the portal
        BillingTestKit.deliver(service, BillingTestKit.subscription("customer.subscription.updated", id("evt"), t, sub,
                customer, PRICE_PRO, "active", false, t + 30 * 86_400));
        assertThat(service.asUser(user, "POST", "/api/billing/cancel", null).status()).isEqualTo(200);
        List<StripeStub.RecordedRequest> updates = stub.requests("POST", "/v1/subscriptions/" + sub);
        assertThat(updates).hasSize(2);
        assertThat(updates).allSatisfy(u -> {
            assertThat(u.param("cancel_at_period_end")).isEqualTo("true");
            assertThat(u.idempotencyKey()).startsWith("cancel_at_period_end_");
        });
        assertThat(updates.get(0).idempotencyKey()).isNotEqualTo(updates.get(1).idempotencyKey());
        assertThat(service.count("stripe_intents WHERE target_id = '" + sub + "' AND kind = 'cancel_at_period_end'"
                + " AND status = 'done'")).isEqualTo(2);
    }

    @Test
    void a_subscription_completed_for_a_deleted_user_is_cancelled_at_stripe() throws Exception {
        UUID gone = UUID.randomUUID();
        String sub = id("sub");
        Response r = BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"),
                Instant.now().getEpochSecond(), id("cs"), gone, id("cus"), sub, "pro"));
        assertThat(r.status()).isEqualTo(200);
        await(() -> !stub.requests("DELETE", "/v1/subscriptions/" + sub).isEmpty(), "the orphan's cancel");
    }
}
