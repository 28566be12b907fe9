package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.DebitCreditsUseCase.DebitCommand;
import dev.creditline.application.port.in.GrantCreditsUseCase.GrantCommand;
import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.application.service.CreditService;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger on a real PostgreSQL: never negative, exactly once, verifiable (domain.md "Ledger"; lessons 5, 6). */
@DatabaseTest
class LedgerConcurrencyTest {

    private static LedgerServices services;
    private static CreditService credits;
    private static LedgerVerificationService verification;

    @BeforeAll
    static void start() {
        services = LedgerServices.open();
        credits = services.credits();
        verification = services.verification();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static User newUser() {
        return services.newUser();
    }

    @Test
    void fifty_concurrent_debits_of_a_balance_covering_ten_let_exactly_ten_through() throws Exception {
        User u = newUser(); // 100 credits of signup bonus
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Boolean> debit = () -> {
                go.await();
                try {
                    credits.debit(new DebitCommand(u.id(), 10, LedgerReason.USAGE, LedgerRef.manual(UUID.randomUUID().toString())));
                    return true;
                } catch (InsufficientCreditsException e) {
                    return false;
                }
            };
            results.add(pool.submit(debit));
        }
        go.countDown();
        int succeeded = 0;
        for (Future<Boolean> f : results) {
            if (f.get(60, TimeUnit.SECONDS)) {
                succeeded++;
            }
        }
        pool.shutdown();

        assertThat(succeeded).isEqualTo(10);
        assertThat(credits.balance(u.id()).balance()).isZero();
        assertThat(credits.history(u.id(), 100, 0).total()).isEqualTo(11);
        assertThat(verification.verify(Optional.of(u.id())).consistent()).isTrue();
    }

    @Test
    void a_refused_debit_writes_nothing() {
        User u = newUser();
        assertThatThrownBy(() -> credits.debit(new DebitCommand(u.id(), 101, LedgerReason.USAGE, LedgerRef.manual("x"))))
                .isInstanceOf(InsufficientCreditsException.class)
                .satisfies(e -> assertThat(((InsufficientCreditsException) e).balance()).isEqualTo(100));
        assertThat(credits.balance(u.id()).balance()).isEqualTo(100);
        assertThat(credits.history(u.id(), 100, 0).total()).isEqualTo(1);
    }

    @Test
    void an_idempotent_grant_delivered_concurrently_is_applied_once() throws Exception {
        User u = newUser();
        LedgerRef ref = new LedgerRef("stripe_invoice", "in_" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return credits.grant(new GrantCommand(u.id(), 500, LedgerReason.MONTHLY_ALLOWANCE, ref)).isPresent();
            }));
        }
        go.countDown();
        long applied = 0;
        for (Future<Boolean> f : results) {
            if (f.get(60, TimeUnit.SECONDS)) {
                applied++;
            }
        }
        pool.shutdown();
        assertThat(applied).isEqualTo(1);
        assertThat(credits.balance(u.id()).balance()).isEqualTo(600);
        assertThat(verification.verify(Optional.of(u.id())).consistent()).isTrue();
    }

    @Test
    void refs_that_are_not_idempotent_may_repeat() {
        User u = newUser();
        LedgerRef ref = new LedgerRef("message", "m-1");
        credits.debit(new DebitCommand(u.id(), 1, LedgerReason.USAGE, ref));
        credits.debit(new DebitCommand(u.id(), 1, LedgerReason.USAGE, ref));
        assertThat(credits.balance(u.id()).balance()).isEqualTo(98);
    }

    @Test
    void the_database_refuses_a_negative_balance_even_when_the_code_is_bypassed() {
        User u = newUser();
        assertThatThrownBy(() -> services.db().jdbi().useHandle(h ->
                h.execute("UPDATE users SET credits_balance = -1 WHERE id = ?", u.id())))
                .hasMessageContaining("users_credits_balance_non_negative");
    }

    @Test
    void verification_reports_a_balance_that_drifted_from_the_ledger() {
        User u = newUser();
        credits.debit(new DebitCommand(u.id(), 30, LedgerReason.USAGE, LedgerRef.manual("d")));
        services.db().jdbi().useHandle(h -> h.execute("UPDATE users SET credits_balance = 71 WHERE id = ?", u.id()));

        LedgerReport report = verification.verify(Optional.of(u.id()));

        assertThat(report.checked()).isEqualTo(1);
        assertThat(report.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.balance()).isEqualTo(71);
            assertThat(m.ledgerSum()).isEqualTo(70);
        });
        LedgerReport all = verification.verify(Optional.empty());
        assertThat(all.checked()).isGreaterThanOrEqualTo(1);
        assertThat(all.mismatches()).extracting(m -> m.userId()).contains(u.id());
    }
}
