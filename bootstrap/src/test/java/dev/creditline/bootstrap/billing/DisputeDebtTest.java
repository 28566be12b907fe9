package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.deliver;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A dispute after the purchased credits were spent leaves debt; the next grant repays it first;
 * the balance never goes below 0; a won dispute gives back exactly what it clawed, once
 * (lots.md "Debt", docs/billing.md "Refunds and disputes"), through the signed webhook.
 */
@DatabaseTest
class DisputeDebtTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static void assertNeverNegative(UUID user) {
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND balance_after < 0")).isZero();
        assertThat(balance(user)).isNotNegative();
    }

    @Test
    void a_dispute_of_spent_credits_leaves_debt_the_next_grant_repays_and_winning_gives_back_what_was_clawed() {
        UUID user = service.createUser(id("dispute-debt") + "@example.com");
        long t = Instant.now().getEpochSecond();
        String pi = id("pi");
        String ch = id("ch");
        String dp = id("dp");
        Response bought = deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t,
                id("cs"), user, "starter", 50_000, "paid", pi, 500));
        assertThat(bought.status()).as(bought.body()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(60_000);
        Response hold = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":55000}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        assertThat(service.internal("POST", "/holds/" + hold.json().get("holdId").asText() + "/capture",
                "{\"amount\":55000}").status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(5_000);

        // The whole payment is disputed: 50,000 credits are owed back, the balance covers 5,000.
        Response created = deliver(service, BillingTestKit.dispute("charge.dispute.created", id("evt"), t + 1, dp, ch,
                pi, 500, "needs_response"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(balance(user)).isZero();
        JsonNode shown = service.asUser(user, "GET", "/api/user/credit/balance", null).json();
        assertThat(shown.get("balance").asLong()).isZero();
        assertThat(shown.get("debt").asLong()).isEqualTo(45_000);
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("debt").asLong())
                .isEqualTo(45_000);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'stripe_refund'"
                + " AND ref_id = 'dispute:" + dp + "' AND delta = -5000")).isEqualTo(1);
        assertNeverNegative(user);

        // The next grant repays the debt first, in the same transaction.
        Response g = service.internal("POST", "/grants", "{\"userId\":\"" + user
                + "\",\"amount\":30000,\"category\":\"promotion\"}");
        assertThat(g.status()).as(g.body()).isEqualTo(201);
        assertThat(g.json().get("balance").asLong()).isZero();
        assertThat(service.asUser(user, "GET", "/api/user/credit/balance", null).json().get("debt").asLong())
                .isEqualTo(15_000);
        assertNeverNegative(user);

        // Won: the 50,000 clawed (5,000 taken + 45,000 as debt) come back once; 15,000 still owed are repaid.
        String won = BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 2, dp, ch, pi, 500, "won");
        assertThat(deliver(service, won).status()).isEqualTo(200);
        assertThat(deliver(service, BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 3, dp, ch, pi, 500,
                "won")).status()).isEqualTo(200);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'stripe_refund'"
                + " AND ref_id = 'dispute:" + dp + ":reinstated' AND delta = 50000")).isEqualTo(1);
        // as if there had been no dispute: 60,000 − 55,000 spent + 30,000 granted
        assertThat(balance(user)).isEqualTo(35_000);
        JsonNode after = service.asUser(user, "GET", "/api/user/credit/balance", null).json();
        assertThat(after.get("balance").asLong()).isEqualTo(35_000);
        assertThat(after.get("debt").asLong()).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'debt_repayment'"))
                .isEqualTo(2);
        assertNeverNegative(user);
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.of(user));
        assertThat(report.mismatches()).isEmpty();
    }
}
