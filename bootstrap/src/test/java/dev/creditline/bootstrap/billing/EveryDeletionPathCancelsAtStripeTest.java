package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Both deletion paths ({@code DELETE /api/users/me} and the Auth.js adapter's
 * {@code DELETE /api/internal/auth/users/{id}}) cancel every live or pending subscription and
 * expire every open checkout session at Stripe before deleting; a Stripe failure answers 502 and
 * deletes nothing (lesson 12).
 */
@DatabaseTest
class EveryDeletionPathCancelsAtStripeTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private record Billed(UUID user, String incomplete, String packSession) {
    }

    /** A user with an incomplete subscription (first payment pending) and an open pack checkout. */
    private static Billed pendingSubscriber() {
        UUID user = service.createUser(id("pending") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond();
        BillingTestKit.deliver(service, BillingTestKit.subscription("customer.subscription.created", id("evt"), t, sub,
                customer, PRICE_PRO, "incomplete", false, t + 30 * 86_400));
        Response checkout = service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        String url = checkout.json().get("checkout_url").asText();
        return new Billed(user, sub, url.substring(url.lastIndexOf('/') + 1));
    }

    private static Response deleteByUser(UUID user) {
        return service.asUser(user, "DELETE", "/api/users/me", null);
    }

    private static Response deleteByAdapter(UUID user) {
        return service.adapter("DELETE", "/users/" + user, null);
    }

    private static void cancelsThenDeletes(Function<UUID, Response> delete, int okStatus) {
        Billed b = pendingSubscriber();
        stub.reset();
        Response r = delete.apply(b.user());
        assertThat(r.status()).as(r.body()).isEqualTo(okStatus);
        assertThat(stub.requests("DELETE", "/v1/subscriptions/" + b.incomplete())).hasSize(1);
        assertThat(stub.requests("POST", "/v1/checkout/sessions/" + b.packSession() + "/expire")).hasSize(1);
        assertThat(service.count("users WHERE id = '" + b.user() + "'")).isZero();
    }

    private static void aStripeFailureDeletesNothing(Function<UUID, Response> delete) {
        Billed b = pendingSubscriber();
        long attempts = service.count("checkout_attempts WHERE user_id = '" + b.user() + "'");
        stub.failAlways(StripeStub.Failure.serverError());
        Response r;
        try {
            r = delete.apply(b.user());
        } finally {
            stub.failAlways(null);
        }
        assertThat(r.status()).as(r.body()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("STRIPE_ERROR");
        assertThat(service.count("users WHERE id = '" + b.user() + "'")).isEqualTo(1);
        assertThat(service.count("checkout_attempts WHERE user_id = '" + b.user() + "'")).isEqualTo(attempts);
        assertThat(service.count("stripe_subscriptions WHERE user_id = '" + b.user() + "'")).isEqualTo(1);
    }

    @Test
    void deleting_yourself_cancels_pending_subscriptions_and_expires_open_checkouts_first() {
        cancelsThenDeletes(EveryDeletionPathCancelsAtStripeTest::deleteByUser, 200);
    }

    @Test
    void the_authjs_adapter_delete_cancels_pending_subscriptions_and_expires_open_checkouts_first() {
        cancelsThenDeletes(EveryDeletionPathCancelsAtStripeTest::deleteByAdapter, 204);
    }

    @Test
    void a_stripe_failure_during_deleting_yourself_answers_502_and_deletes_nothing() {
        aStripeFailureDeletesNothing(EveryDeletionPathCancelsAtStripeTest::deleteByUser);
    }

    @Test
    void a_stripe_failure_during_the_adapter_delete_answers_502_and_deletes_nothing() {
        aStripeFailureDeletesNothing(EveryDeletionPathCancelsAtStripeTest::deleteByAdapter);
    }

    @Test
    void the_adapter_delete_cancels_a_live_subscription_with_its_deletion_key() {
        UUID user = service.createUser(id("live") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), Instant.now().getEpochSecond(),
                id("cs"), user, customer, sub, "pro"));
        stub.reset();
        assertThat(deleteByAdapter(user).status()).isEqualTo(204);
        List<StripeStub.RecordedRequest> cancels = stub.requests("DELETE", "/v1/subscriptions/" + sub);
        assertThat(cancels).hasSize(1);
        assertThat(cancels.get(0).idempotencyKey()).isEqualTo("delete_account_" + user + "_" + sub);
        assertThat(service.count("users WHERE id = '" + user + "'")).isZero();
    }
}
