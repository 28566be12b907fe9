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
 * with 402 still leaves the grant (the debit's conditional insert refuses on the locked user row
 * while a grant is due; MeteringService.record then grants and records). As in FreeAllowanceOnEveryReadTest, a
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

    @Test
    void concurrent_calls_of_a_user_whose_allowance_is_due_grant_once_and_never_debit_before_the_grant()
            throws Exception {
        UUID user = freeUserPastThePeriod("call-concurrent@example.com");
        int calls = 16;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<TestService.Response>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return service.internal("POST", "/model-calls", call(user, "bench/model", 100, 20));
                }));
            }
            start.countDown();
            long charged = 0;
            for (var f : futures) {
                TestService.Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                charged += r.json().get("credits").asLong();
            }
            List<String> reasons = reasons(user);
            assertThat(reasons).filteredOn("monthly_allowance"::equals).hasSize(1);
            // The grant's entry comes before every debit: no debit ran while it was due.
            assertThat(reasons.subList(reasons.indexOf("monthly_allowance") + 1, reasons.size()))
                    .hasSize(calls).containsOnly("usage");
            assertThat(balance(service, user)).isEqualTo(20_000 - charged);
            assertLedgerConsistent(service);
        } finally {
            pool.shutdownNow();
        }
    }
}
