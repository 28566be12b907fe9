package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static dev.creditline.bootstrap.metering.MeteringSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A model call "sees" the user too (domain.md "Plans and monthly allowance"): a due allowance is
 * granted in its own transaction before the debit, so the debit can spend it, and a call refused
 * with 402 still leaves the grant (MeteringService.record reads the user inside the debit's
 * transaction and grants first only when one is due). As in FreeAllowanceOnEveryReadTest, a
 * fresh free user past the period holds 20,000 credits after the grant.
 */
@DatabaseTest
class FreeAllowanceOnModelCallTest {

    @AutoClose
    private static final TestService service = TestService.start();

    private static UUID freeUserPastThePeriod(String email) {
        UUID user = service.createUser(email);
        service.clock().advance(Duration.ofDays(31));
        return user;
    }

    private static List<String> reasons(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT reason FROM credit_ledger WHERE user_id = :u ORDER BY id")
                .bind("u", user).mapTo(String.class).list());
    }

    @Test
    void a_due_allowance_is_granted_before_the_debit_of_a_model_call() {
        UUID user = freeUserPastThePeriod("call-grant@example.com");

        var r = service.internal("POST", "/model-calls", call(user, "bench/model", 100, 20));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long charged = r.json().get("credits").asLong();
        assertThat(charged).isPositive();
        assertThat(r.json().get("balance").asLong()).isEqualTo(20_000 - charged);
        assertThat(reasons(user)).endsWith("monthly_allowance", "usage");
        // The next call finds nothing due.
        assertThat(service.internal("POST", "/model-calls", call(user, "bench/model", 100, 20)).status()).isEqualTo(201);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'monthly_allowance'"))
                .isEqualTo(1);
        assertLedgerConsistent(service);
    }

    @Test
    void a_model_call_refused_with_402_keeps_the_grant_and_writes_no_call() {
        UUID user = freeUserPastThePeriod("call-refused@example.com");

        var r = service.internal("POST", "/model-calls", call(user, "bench/model", 900_000_000_000L, 0));

        assertThat(r.status()).as(r.body()).isEqualTo(402);
        assertThat(r.json().get("balance").asLong()).isEqualTo(20_000);
        assertThat(reasons(user)).endsWith("monthly_allowance").doesNotContain("usage");
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isZero();
        assertThat(balance(service, user)).isEqualTo(20_000);
        assertLedgerConsistent(service);
    }
}
