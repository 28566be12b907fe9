package dev.creditline.bootstrap.lots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.LotService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.domain.allowance.FreeAllowance;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiLotRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code PLAN_FREE_ROLLOVER_MAX} with {@code PLAN_FREE_ALLOWANCE_EXPIRY=period_end} over HTTP
 * (lots.md "Plans, packs and rollover"): when the free allowance lot expires, up to the maximum of
 * its unused credits move into a rollover lot of the following period, exactly once, on the lazy
 * path and by the sweeper, even when both run at once.
 */
@DatabaseTest
class RolloverApiTest {

    private static final long ALLOWANCE = 10_000;
    private static final long SIGNUP = 10_000;
    private static final long MAX = 3_000;

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600",
            "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "3600", "PLAN_FREE_ALLOWANCE_EXPIRY", "period_end",
            "PLAN_FREE_ROLLOVER_MAX", Long.toString(MAX), "DATABASE_POOL_SIZE", "30"));

    /** Free users, each touched once after their first allowance period has passed, so that their allowance lots exist. */
    private static List<UUID> usersWithAllowanceLots(String emailPrefix, int n) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(service.createUser(emailPrefix + i + "@example.com"));
        }
        service.clock().advance(FreeAllowance.PERIOD.plusDays(1));
        for (UUID user : users) {
            assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                    .isEqualTo(SIGNUP + ALLOWANCE);
        }
        return users;
    }

    /**
     * A period (and an hour) passes on the service clock: the allowance lot granted a period ago
     * has expired and the next period's allowance is due.
     */
    private static void aPeriodPasses() {
        service.clock().advance(FreeAllowance.PERIOD.plusHours(1));
    }

    private static long allowanceLot(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT id FROM credit_lots WHERE user_id = :u"
                + " AND category = 'allowance' ORDER BY id DESC LIMIT 1").bind("u", user).mapTo(Long.class).one());
    }

    private static void spend150(UUID user) {
        // 10,000 input tokens at 15 per 1,000 = 150 credits
        Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user
                + "\",\"model\":\"anthropic/claude-opus-4.5\",\"usage\":{\"inputTokens\":10000,\"outputTokens\":0}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static long entries(UUID user, String refType, long lotId) {
        return service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = '" + refType
                + "' AND ref_id = '" + lotId + "'");
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static void assertVerified() {
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.empty());
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void after_the_anchor_passes_the_unused_allowance_up_to_the_maximum_becomes_a_rollover_lot_once() {
        UUID user = usersWithAllowanceLots("rollover-lazy-", 1).get(0);
        long first = allowanceLot(user);
        for (int i = 0; i < 40; i++) {
            spend150(user); // 6,000 credits, all from the allowance lot (priority 10 before the signup bonus's 20)
        }
        aPeriodPasses();

        JsonNode view = service.asUser(user, "GET", "/api/credits/lots", null).json();
        long second = allowanceLot(user);
        assertThat(second).isNotEqualTo(first);
        List<String> lots = new ArrayList<>();
        view.get("lots").forEach(l -> lots.add(l.get("category").asText() + ":" + l.get("remaining").asLong() + ":"
                + l.get("priority").asInt()));
        // the new period's allowance and the rollover (both priority 10), then the signup bonus
        assertThat(lots).containsExactlyInAnyOrder("rollover:3000:10", "allowance:10000:10", "signup_bonus:10000:20");
        assertThat(lots.get(2)).isEqualTo("signup_bonus:10000:20");
        JsonNode rollover = null;
        JsonNode allowance = null;
        for (JsonNode l : view.get("lots")) {
            if (l.get("category").asText().equals("rollover")) {
                rollover = l;
            } else if (l.get("category").asText().equals("allowance")) {
                allowance = l;
            }
        }
        // the rollover lot expires at the end of the following period: with the new allowance
        assertThat(Instant.parse(rollover.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(allowance.get("expiresAt").asText()));
        assertThat(rollover.get("amount").asLong()).isEqualTo(MAX);

        long expected = SIGNUP + ALLOWANCE - 6_000 - 4_000 + MAX + ALLOWANCE;
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(expected);
        assertThat(service.asUser(user, "GET", "/api/credits/lots", null).json().get("lots")).hasSize(3);
        assertThat(balance(user)).isEqualTo(expected);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'lot_expiry'"
                + " AND ref_id = '" + first + "' AND delta = -4000")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'rollover'"
                + " AND ref_type = 'rollover' AND ref_id = '" + first + "' AND delta = 3000")).isEqualTo(1);
        // a rollover moves credits an allowance granted: neither a grant in the totals nor in the grants list
        JsonNode totals = service.asUser(user, "GET", "/api/user/credit/balance", null).json();
        assertThat(totals.get("balance").asLong()).isEqualTo(expected);
        assertThat(totals.get("grantCount").asLong()).isEqualTo(3);
        assertThat(totals.get("total").asLong()).isEqualTo(SIGNUP + 2 * ALLOWANCE);
        JsonNode grants = service.asUser(user, "GET", "/api/user/credit/grants", null).json();
        assertThat(grants.get("count").asLong()).isEqualTo(3);
        assertThat(grants.get("list").get(1).get("status").asText()).isEqualTo("expired");
        assertThat(grants.get("list").get(1).get("remaining").asLong()).isZero();
        assertVerified();

        // The next period: the rollover lot expires and never rolls over; the second allowance rolls over.
        aPeriodPasses();
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(SIGNUP + MAX + ALLOWANCE);
        long rolloverLot = service.jdbi().withHandle(h -> h.createQuery("SELECT id FROM credit_lots"
                + " WHERE user_id = :u AND category = 'rollover' ORDER BY id LIMIT 1").bind("u", user)
                .mapTo(Long.class).one());
        assertThat(entries(user, "lot_expiry", rolloverLot)).isEqualTo(1);
        assertThat(entries(user, "rollover", rolloverLot)).isZero();
        assertThat(entries(user, "rollover", second)).isEqualTo(1);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'rollover'")).isEqualTo(2);
        assertVerified();
    }

    @Test
    void the_sweeper_and_a_touching_debit_at_once_expire_and_roll_over_exactly_once() throws Exception {
        int users = 12;
        List<UUID> racing = usersWithAllowanceLots("rollover-race-", users);
        List<Long> lots = new ArrayList<>();
        for (UUID user : racing) {
            lots.add(allowanceLot(user));
        }
        // The allowance lots reach their period end: the touching debit below also grants the next
        // period's allowance (due at that same instant), the sweeper does not.
        aPeriodPasses();
        LotService sweeper = new LotService(new JdbiTransactions(service.jdbi()),
                new JdbiLotRepository(new JdbiTransactions(service.jdbi())), null, null, null,
                MicrosecondClock.of(service.clock()));
        ExecutorService pool = Executors.newFixedThreadPool(users + 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (UUID user : racing) {
            futures.add(pool.submit(() -> {
                start.await();
                spend150(user);
                return null;
            }));
        }
        for (int s = 0; s < 2; s++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5; i++) {
                    sweeper.sweepExpiredLots(3);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        sweeper.sweepExpiredLots(100);

        for (int i = 0; i < users; i++) {
            UUID user = racing.get(i);
            assertThat(entries(user, "lot_expiry", lots.get(i))).as("expiries of %s", user).isEqualTo(1);
            assertThat(entries(user, "rollover", lots.get(i))).as("rollovers of %s", user).isEqualTo(1);
            // 10,000 expired, 3,000 rolled over, the next period's 10,000 granted, then 150 spent (from
            // the rollover lot: priority 10 and the same expiry as the new allowance, made before it)
            assertThat(balance(user)).isEqualTo(SIGNUP + MAX + ALLOWANCE - 150);
            assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'rollover'"
                    + " AND remaining = " + (MAX - 150))).isEqualTo(1);
        }
        assertVerified();
    }
}
