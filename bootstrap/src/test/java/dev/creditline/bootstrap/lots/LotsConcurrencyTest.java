package dev.creditline.bootstrap.lots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.LotService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiLotRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * 64 threads spend one user who holds five lots of different priorities and expiries, while a
 * sweeper expires one of them and another thread releases a hold (lots.md "Invariants").
 */
@DatabaseTest
class LotsConcurrencyTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600",
            "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "3600", "DATABASE_POOL_SIZE", "40"));

    private static long grant(UUID user, String extra) {
        Response r = service.internal("POST", "/grants", "{\"userId\":\"" + user + "\"," + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("lotId").asLong();
    }

    @Test
    void spending_sweeping_and_releasing_at_once_keep_every_lot_invariant() throws Exception {
        UUID user = service.createUser("lots-race@example.com");
        Instant hour = service.clock().instant().plus(1, ChronoUnit.HOURS);
        Instant soon = service.clock().instant().plus(5, ChronoUnit.MINUTES);
        grant(user, "\"amount\":3000,\"category\":\"promotion\",\"priority\":0,\"expiresAt\":\"" + hour + "\"");
        long expiring = grant(user, "\"amount\":4000,\"category\":\"promotion\",\"expiresAt\":\"" + soon + "\"");
        grant(user, "\"amount\":2000,\"category\":\"admin\"");
        grant(user, "\"amount\":5000,\"category\":\"admin\",\"priority\":90,\"expiresAt\":\""
                + hour.plus(1, ChronoUnit.DAYS) + "\"");
        Response hold = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":6000}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        LotService sweeper = new LotService(new JdbiTransactions(service.jdbi()),
                new JdbiLotRepository(new JdbiTransactions(service.jdbi())), null, null, null,
                MicrosecondClock.of(service.clock()));

        ExecutorService pool = Executors.newFixedThreadPool(66);
        CountDownLatch start = new CountDownLatch(1);
        // Mid-race marks, counted in answered calls: the hold's release after 64, the expiry after 128.
        CountDownLatch releaseAt = new CountDownLatch(64);
        CountDownLatch expireAt = new CountDownLatch(128);
        AtomicBoolean spending = new AtomicBoolean(true);
        AtomicBoolean expired = new AtomicBoolean(false);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 6; i++) {
                    // 10,000 input tokens at 15 per 1,000 = 150 credits
                    Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user
                            + "\",\"model\":\"anthropic/claude-opus-4.5\",\"usage\":{\"inputTokens\":10000,"
                            + "\"outputTokens\":0}}");
                    assertThat(r.status()).as(r.body()).isIn(201, 402);
                    releaseAt.countDown();
                    expireAt.countDown();
                    if (expireAt.getCount() == 0 && expired.compareAndSet(false, true)) {
                        // the promotion lot's expiry passes while the others keep spending
                        service.clock().advancePast(soon);
                    }
                }
                return null;
            }));
        }
        futures.add(pool.submit(() -> {
            start.await();
            while (spending.get()) {
                sweeper.sweepExpiredLots(10);
                Thread.sleep(20); // pacing: a sweeper pass every 20 ms while the others spend
            }
            return null;
        }));
        futures.add(pool.submit(() -> {
            start.await();
            assertThat(releaseAt.await(120, TimeUnit.SECONDS)).isTrue();
            Response r = service.internal("POST", "/holds/" + hold.json().get("holdId").asText() + "/release", null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return null;
        }));
        start.countDown();
        for (Future<?> f : futures.subList(0, 64)) {
            f.get(300, TimeUnit.SECONDS);
        }
        assertThat(expired).as("the expiry passed during the race").isTrue();
        spending.set(false);
        for (Future<?> f : futures.subList(64, 66)) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        sweeper.sweepExpiredLots(10);

        assertThat(service.count("users WHERE credits_balance < 0")).isZero();
        assertThat(service.count("credit_lots l WHERE l.remaining <> l.amount - (SELECT coalesce(sum(amount), 0)"
                + " FROM lot_allocations a WHERE a.user_id = l.user_id AND a.lot_id = l.id)")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'expiry'"
                + " AND ref_id = '" + expiring + "'")).isLessThanOrEqualTo(1);
        assertThat(service.count("credit_lots WHERE id = " + expiring + " AND status = 'expired'")).isEqualTo(1);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isPositive();
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.empty());
        assertThat(report.mismatches()).isEmpty();
    }
}
