package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.in.VerifyLedgerUseCase;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import dev.creditline.stripe.testing.StripeStub.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end over HTTP against the running service and the Stripe stub: sign-up → paid credit
 * pack → pro subscription → renewal → cancellation → deletion, verifying the ledger at every
 * step. Webhooks carry what Stripe would send for the sessions the stub created.
 */
@DatabaseTest
class BillingEndToEndTest {

    private static StripeStub stub;
    private static TestService service;
    private static VerifyLedgerUseCase verifier;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        service = TestService.start(BillingTestKit.env(stub));
        verifier = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())));
    }

    @AfterAll
    static void stop() {
        service.close();
        stub.close();
    }

    private static void assertLedger(UUID user, long expectedBalance) {
        VerifyLedgerUseCase.LedgerReport report = verifier.verify(Optional.of(user));
        assertThat(report.consistent()).as("ledger of " + user).isTrue();
        assertThat(verifier.verify(Optional.empty()).consistent()).isTrue();
        Response balance = service.asUser(user, "GET", "/api/credits/balance", null);
        assertThat(balance.json().get("balance").asLong()).isEqualTo(expectedBalance);
    }

    private static void webhook(String payload) {
        Response r = BillingTestKit.deliver(service, payload);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void signup_pack_subscription_renewal_cancellation_deletion() {
        long t = Instant.now().getEpochSecond() - 1_000;
        // 1. sign-up: signup bonus
        UUID user = service.createUser(id("e2e") + "@example.com");
        assertLedger(user, 10_000);

        // 2. a paid credit pack
        Response checkout = service.asUser(user, "POST", "/api/billing/checkout?pack_id=pro", null);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        RecordedRequest packSession = stub.lastRequest();
        String packSessionId = checkout.json().get("checkout_url").asText().replaceAll(".*/", "");
        assertThat(packSession.param("metadata[credits]")).isEqualTo("200000");
        String pi = id("pi");
        stub.completeCheckoutSession(packSessionId, "paid");
        webhook(BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, packSessionId, user,
                packSession.param("metadata[pack_id]"), Long.parseLong(packSession.param("metadata[credits]")), "paid", pi,
                1500));
        assertThat(service.asUser(user, "GET", "/api/billing/checkout-status?session_id=" + packSessionId, null)
                .json().get("status").asText()).isEqualTo("complete");
        assertLedger(user, 210_000);

        // 3. pro subscription: checkout completion grants nothing, the first invoice grants the allowance
        Response subscribe = service.asUser(user, "POST", "/api/billing/subscribe", "{}");
        assertThat(subscribe.status()).as(subscribe.body()).isEqualTo(200);
        RecordedRequest subSession = stub.lastRequest();
        String subSessionId = subscribe.json().get("checkout_url").asText().replaceAll(".*/", "");
        String customer = subSession.param("customer");
        String sub = id("sub");
        webhook(BillingTestKit.subscriptionCheckout(id("evt"), t + 10, subSessionId, user, customer, sub,
                subSession.param("metadata[plan]")));
        assertLedger(user, 210_000);
        webhook(BillingTestKit.invoice("invoice.paid", id("evt"), t + 11, id("in"), customer, sub, PRICE_PRO,
                "subscription_create", "paid"));
        webhook(BillingTestKit.subscription("customer.subscription.updated", id("evt"), t + 12, sub, customer, PRICE_PRO,
                "active", false, t + 30 * 86_400));
        assertThat(service.asUser(user, "GET", "/api/users/me", null).json().get("plan").asText()).isEqualTo("pro");
        assertLedger(user, 310_000);

        // 4. renewal
        String renewal = BillingTestKit.invoice("invoice.paid", id("evt"), t + 100, id("in"), customer, sub, PRICE_PRO,
                "subscription_cycle", "paid");
        webhook(renewal);
        webhook(renewal);
        assertLedger(user, 410_000);

        // 5. cancellation at period end, then Stripe ends the subscription: back to free, credits kept
        Response cancel = service.asUser(user, "POST", "/api/billing/cancel", null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        webhook(BillingTestKit.subscription("customer.subscription.updated", id("evt"), t + 200, sub, customer, PRICE_PRO,
                "active", true, t + 30 * 86_400));
        assertThat(service.asUser(user, "GET", "/api/users/profile", null).json().get("billing_state")
                .get("cancel_at_period_end").asBoolean()).isTrue();
        webhook(BillingTestKit.subscription("customer.subscription.deleted", id("evt"), t + 300, sub, customer, PRICE_PRO,
                "canceled", false, t + 30 * 86_400));
        Response profile = service.asUser(user, "GET", "/api/users/profile", null);
        assertThat(profile.json().get("plan").asText()).isEqualTo("free");
        assertThat(profile.json().get("billing_state").get("managed_by").asText()).isEqualTo("none");
        assertThat(profile.json().get("billing_state").get("status").asText()).isEqualTo("canceled");
        assertLedger(user, 410_000);
        assertThat(BillingTestKit.ledger(service, user)).containsExactly(
                "monthly_allowance:100000:stripe_invoice", "monthly_allowance:100000:stripe_invoice",
                "purchase:200000:stripe_checkout_session", "signup_bonus:10000:signup_bonus");

        // 6. deletion: no live subscription, so no Stripe call; everything keyed to the user goes
        int calls = stub.requests().size();
        Response deleted = service.asUser(user, "DELETE", "/api/users/me", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(stub.requests()).hasSize(calls);
        for (String table : List.of("users WHERE id", "credit_ledger WHERE user_id", "checkout_attempts WHERE user_id",
                "credit_pack_purchases WHERE user_id", "stripe_subscriptions WHERE user_id")) {
            assertThat(service.count(table + " = '" + user + "'")).as(table).isZero();
        }
        assertThat(verifier.verify(Optional.empty()).consistent()).isTrue();
    }
}
