package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.deliver;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A refund after the purchased credits were spent leaves debt; the next grant repays it first
 * and the balance never goes below 0 (lots.md "Debt", {@code REFUND_SHORTFALL=debt}).
 */
@DatabaseTest
class RefundDebtTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static long debt(UUID user) {
        return service.asUser(user, "GET", "/api/credits/lots", null).json().get("debt").asLong();
    }

    @Test
    void a_refund_of_spent_credits_leaves_debt_that_the_next_grant_repays() {
        UUID user = service.createUser(id("debt") + "@example.com");
        long t = Instant.now().getEpochSecond();
        String pi = id("pi");
        String session = id("cs");
        deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, session, user,
                "starter", 50_000, "paid", pi, 500));
        assertThat(balance(user)).isEqualTo(60_000);
        // Spend 55,000 through holds: the signup bonus lot (priority 20) first, then the purchase (50).
        Response hold = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":55000}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        service.internal("POST", "/holds/" + hold.json().get("holdId").asText() + "/capture", "{\"amount\":55000}");
        assertThat(balance(user)).isEqualTo(5_000);

        // The whole purchase is refunded: 50,000 credits owed, 5,000 can be taken.
        deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 1, id("ch"), pi, 500, 500, List.of()));
        assertThat(balance(user)).isZero();
        assertThat(debt(user)).isEqualTo(45_000);
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("debt").asLong())
                .isEqualTo(45_000);

        // The next grant repays first.
        Response g = service.internal("POST", "/grants", "{\"userId\":\"" + user
                + "\",\"amount\":30000,\"category\":\"promotion\"}");
        assertThat(g.json().get("balance").asLong()).isZero();
        assertThat(debt(user)).isEqualTo(15_000);
        Response g2 = service.internal("POST", "/grants", "{\"userId\":\"" + user
                + "\",\"amount\":20000,\"category\":\"admin\"}");
        assertThat(g2.json().get("balance").asLong()).isEqualTo(5_000);
        assertThat(debt(user)).isZero();
        assertThat(service.count("users WHERE credits_balance < 0")).isZero();
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.of(user));
        assertThat(report.mismatches()).isEmpty();
    }
}
