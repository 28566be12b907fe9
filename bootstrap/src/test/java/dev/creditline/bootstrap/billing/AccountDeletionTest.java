package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code DELETE /api/users/me} cancels at Stripe first (billing.md; lesson 12). */
@DatabaseTest
class AccountDeletionTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    /** A subscriber with a pack purchase, a linked account, a model call and billing rows. */
    private static UUID subscriber(String sub) {
        UUID user = service.createUser(id("del") + "@example.com");
        String customer = id("cus");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond();
        service.adapter("POST", "/accounts", "{\"userId\":\"" + user + "\",\"type\":\"oauth\",\"provider\":\"github\","
                + "\"providerAccountId\":\"" + id("gh") + "\"}");
        BillingTestKit.deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, id("cs"),
                user, "starter", 50_000, "paid", id("pi"), 500));
        BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, sub,
                "pro"));
        BillingTestKit.deliver(service, BillingTestKit.invoice("invoice.paid", id("evt"), t, id("in"), customer, sub,
                BillingTestKit.PRICE_PRO, "subscription_create", "paid"));
        service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        service.jdbi().useHandle(h -> h.execute("""
                INSERT INTO model_calls (user_id, id, model, type, status, input_tokens, output_tokens, credits,
                    document_id, call_time, created_at)
                VALUES (?, gen_random_uuid(), 'openai/gpt-5.2', 'chatCompletion', 'success', 100, 50, 3, 'doc1', now(), now())""",
                user));
        return user;
    }

    /** Rows keyed to the user in every table that has a user_id column, plus the user row. */
    private static long rowsOf(UUID user) {
        List<String> tables = service.jdbi().withHandle(h -> h.createQuery("""
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND column_name = 'user_id'""").mapTo(String.class).list());
        assertThat(tables).contains("credit_ledger", "accounts", "model_calls", "checkout_attempts",
                "credit_pack_purchases", "stripe_subscriptions");
        long n = service.count("users WHERE id = '" + user + "'");
        for (String t : tables) {
            n += service.count(t + " WHERE user_id = '" + user + "'");
        }
        return n;
    }

    @Test
    void a_stripe_failure_leaves_the_account_untouched() {
        String sub = id("sub");
        UUID user = subscriber(sub);
        long before = rowsOf(user);
        assertThat(before).isGreaterThan(8);
        stub.failAlways(StripeStub.Failure.serverError());
        Response r = service.asUser(user, "DELETE", "/api/users/me", null);
        stub.failAlways(null);
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("STRIPE_ERROR");
        assertThat(rowsOf(user)).isEqualTo(before);
        assertThat(BillingTestKit.state(service, user)).startsWith("pro|" + sub + "|active|160000");
    }

    @Test
    void a_successful_cancel_deletes_everything_keyed_to_the_user() {
        String sub = id("sub");
        UUID user = subscriber(sub);
        stub.reset();
        Response r = service.asUser(user, "DELETE", "/api/users/me", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("deleted").asBoolean()).isTrue();
        var cancel = stub.requests("DELETE", "/v1/subscriptions/" + sub);
        assertThat(cancel).hasSize(1);
        assertThat(cancel.get(0).idempotencyKey()).isEqualTo("delete_account_" + user + "_" + sub);
        assertThat(rowsOf(user)).isZero();
        // the token of a deleted user no longer works
        assertThat(service.asUser(user, "GET", "/api/users/me", null).status()).isEqualTo(401);
    }
}
