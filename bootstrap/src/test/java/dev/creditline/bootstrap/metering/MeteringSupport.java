package dev.creditline.bootstrap.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiTransactions;
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

/** Helpers shared by the metering integration tests. */
final class MeteringSupport {

    private MeteringSupport() {
    }

    /** A chat model call body: {@code in}/{@code out} tokens on {@code model}. */
    static String call(UUID user, String model, long in, long out) {
        return "{\"userId\":\"" + user + "\",\"model\":\"" + model + "\",\"usage\":{\"inputTokens\":" + in
                + ",\"outputTokens\":" + out + "}}";
    }

    /** The user's cached balance. */
    static long balance(TestService s, UUID user) {
        return s.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    /** Asserts the ledger invariant for every user (balance = sum of deltas, running sums right). */
    static void assertLedgerConsistent(TestService s) {
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(s.jdbi())))
                .verify(Optional.empty());
        assertThat(report.mismatches()).isEmpty();
        assertThat(s.count("users WHERE credits_balance < 0")).isZero();
    }

    /** Runs {@code n} tasks on {@code n} threads released together; returns their results in order. */
    static <T> List<T> together(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
