package dev.creditline.bootstrap.lots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiLotRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Credit lots over HTTP (lots.md "API", "Expiry", "Debt"): grants, burn order, expiry, holds, void, debt. */
@DatabaseTest
class LotsApiTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600",
            "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "3600"));

    private static Response grant(UUID user, String extra) {
        return service.internal("POST", "/grants", "{\"userId\":\"" + user + "\"," + extra + "}");
    }

    private static long lotId(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("lotId").asLong();
    }

    private static JsonNode lots(UUID user) {
        Response r = service.asUser(user, "GET", "/api/credits/lots", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static long remaining(long lotId) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT remaining FROM credit_lots WHERE id = :id")
                .bind("id", lotId).mapTo(Long.class).one());
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static long signupLot(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT id FROM credit_lots WHERE user_id = :u"
                + " AND category = 'signup_bonus'").bind("u", user).mapTo(Long.class).one());
    }

    private static void spend(UUID user, long credits) {
        Response r = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":" + credits + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Response c = service.internal("POST", "/holds/" + r.json().get("holdId").asText() + "/capture",
                "{\"amount\":" + credits + "}");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
    }

    /** Moves the service clock just past the lot's expiry, as time passing would. */
    private static void expireNow(long lotId) {
        Instant expiry = service.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM credit_lots WHERE id = :id")
                .bind("id", lotId).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        Duration ahead = Duration.between(service.clock().instant(), expiry);
        service.clock().advance((ahead.isNegative() ? Duration.ZERO : ahead).plusSeconds(1));
    }

    private static Instant now() {
        return service.clock().instant();
    }

    private static void assertVerified() {
        var report = new LedgerVerificationService(new JdbiLedgerRepository(new JdbiTransactions(service.jdbi())))
                .verify(Optional.empty());
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void a_promotion_a_purchase_and_the_signup_bonus_burn_in_the_documented_order() {
        UUID user = service.createUser("lots-order@example.com");
        long signup = signupLot(user);
        Instant soon = now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long promo = lotId(grant(user, "\"amount\":300,\"category\":\"promotion\",\"expiresAt\":\"" + soon + "\""));
        long admin = lotId(grant(user, "\"amount\":500,\"category\":\"admin\""));
        long first = lotId(grant(user, "\"amount\":50,\"category\":\"promotion\",\"priority\":0"));

        JsonNode before = lots(user);
        List<Long> order = new ArrayList<>();
        before.get("lots").forEach(l -> order.add(l.get("id").asLong()));
        // priority 0 first; promotion 20 with an expiry before signup_bonus 20 that never expires; admin 30
        assertThat(order).containsExactly(first, promo, signup, admin);
        assertThat(before.get("expiringSoon").get("credits").asLong()).isEqualTo(300);
        assertThat(Instant.parse(before.get("expiringSoon").get("nextExpiry").asText())).isEqualTo(soon);
        assertThat(before.get("debt").asLong()).isZero();

        spend(user, 400);
        assertThat(remaining(first)).isZero();
        assertThat(remaining(promo)).isZero();
        assertThat(remaining(signup)).isEqualTo(10_000 - 50);
        assertThat(remaining(admin)).isEqualTo(500);
        assertThat(lots(user).get("lots")).hasSize(2);
        Response balance = service.asUser(user, "GET", "/api/credits/balance", null);
        assertThat(balance.json().get("balance").asLong()).isEqualTo(10_850 - 400);
        assertThat(balance.json().get("debt").asLong()).isZero();
        assertThat(balance.json().get("expiringSoon").get("credits").asLong()).isZero();
        assertVerified();
    }

    @Test
    void an_expired_lot_leaves_the_balance_exactly_once_on_the_next_touch_and_the_sweeper_finds_nothing_more() {
        UUID user = service.createUser("lots-expiry@example.com");
        long promo = lotId(grant(user, "\"amount\":700,\"category\":\"promotion\",\"expiresAt\":\""
                + now().plus(1, ChronoUnit.HOURS) + "\""));
        spend(user, 200);
        assertThat(remaining(promo)).isEqualTo(500);
        expireNow(promo);

        Response balance = service.asUser(user, "GET", "/api/credits/balance", null);
        assertThat(balance.json().get("balance").asLong()).isEqualTo(10_000);
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(10_000);
        assertThat(new dev.creditline.application.service.LotService(null, new JdbiLotRepository(
                new JdbiTransactions(service.jdbi())), null, null, null, MicrosecondClock.of(service.clock()))
                .expiringSoon(user).credits()).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'expiry'"
                + " AND ref_type = 'lot_expiry' AND ref_id = '" + promo + "' AND delta = -500")).isEqualTo(1);
        assertThat(service.count("credit_lots WHERE id = " + promo + " AND status = 'expired' AND remaining = 0"))
                .isEqualTo(1);
        assertVerified();
    }

    @Test
    void the_sweeper_expires_lots_of_users_nobody_touches() {
        UUID user = service.createUser("lots-sweeper@example.com");
        long promo = lotId(grant(user, "\"amount\":70,\"category\":\"promotion\",\"expiresAt\":\""
                + now().plus(1, ChronoUnit.HOURS) + "\""));
        expireNow(promo);
        var lots = new dev.creditline.application.service.LotService(
                new JdbiTransactions(service.jdbi()), new JdbiLotRepository(new JdbiTransactions(service.jdbi())),
                null, null, null, MicrosecondClock.of(service.clock()));
        assertThat(lots.sweepExpiredLots(100)).isGreaterThanOrEqualTo(1);
        assertThat(lots.sweepExpiredLots(100)).isZero();
        assertThat(balance(user)).isEqualTo(10_000);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'expiry'")).isEqualTo(1);
        assertVerified();
    }

    @Test
    void a_hold_release_goes_back_to_the_same_lots_and_what_lands_in_an_expired_lot_expires_at_once() {
        UUID user = service.createUser("lots-hold@example.com");
        long promo = lotId(grant(user, "\"amount\":100,\"category\":\"promotion\",\"priority\":1,\"expiresAt\":\""
                + now().plus(1, ChronoUnit.HOURS) + "\""));
        long signup = signupLot(user);
        Response h = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":300}");
        String holdId = h.json().get("holdId").asText();
        assertThat(remaining(promo)).isZero();
        assertThat(remaining(signup)).isEqualTo(9_800);

        Response c = service.internal("POST", "/holds/" + holdId + "/capture", "{\"amount\":250}");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        // 50 unused go back newest allocation first: to the signup lot.
        assertThat(remaining(signup)).isEqualTo(9_850);
        assertThat(remaining(promo)).isZero();

        Response h2 = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":20}");
        long promo2 = lotId(grant(user, "\"amount\":30,\"category\":\"promotion\",\"priority\":0,\"expiresAt\":\""
                + now().plus(2, ChronoUnit.MINUTES) + "\""));
        Response h3 = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":30}");
        assertThat(remaining(promo2)).isZero();
        expireNow(promo2);
        Response released = service.internal("POST", "/holds/" + h3.json().get("holdId").asText() + "/release", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(service.count("credit_lots WHERE id = " + promo2 + " AND status = 'expired' AND remaining = 0"))
                .isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'expiry'"
                + " AND ref_id LIKE '" + promo2 + ":%' AND delta = -30")).isEqualTo(1);
        assertThat(balance(user)).isEqualTo(10_000 + 100 - 250 - 20);
        service.internal("POST", "/holds/" + h2.json().get("holdId").asText() + "/release", null);
        assertThat(balance(user)).isEqualTo(10_000 + 100 - 250);
        assertVerified();
    }

    @Test
    void void_removes_what_is_left_once_and_honours_the_idempotency_key() {
        UUID user = service.createUser("lots-void@example.com");
        UUID other = service.createUser("lots-void-other@example.com");
        long promo = lotId(grant(user, "\"amount\":100,\"category\":\"promotion\",\"priority\":0"));
        spend(user, 40);

        Response wrongUser = service.internal("POST", "/lots/" + promo + "/void", "{\"userId\":\"" + other + "\"}");
        assertThat(wrongUser.status()).isEqualTo(404);
        assertThat(wrongUser.json().get("code").asText()).isEqualTo("LOT_NOT_FOUND");
        assertThat(remaining(promo)).isEqualTo(60);

        Response v = service.internal("POST", "/lots/" + promo + "/void", null, "Idempotency-Key", "void-1");
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        assertThat(v.json().get("voided").asLong()).isEqualTo(60);
        assertThat(v.json().get("balance").asLong()).isEqualTo(10_000);
        Response replay = service.internal("POST", "/lots/" + promo + "/void", null, "Idempotency-Key", "void-1");
        assertThat(replay.body()).isEqualTo(v.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        Response again = service.internal("POST", "/lots/" + promo + "/void", null);
        assertThat(again.json().get("voided").asLong()).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'void'")).isEqualTo(1);
        assertThat(service.internal("POST", "/lots/999999999/void", null).status()).isEqualTo(404);
        assertVerified();
    }

    @Test
    void a_grant_with_an_idempotency_key_grants_once() {
        UUID user = service.createUser("lots-grant-key@example.com");
        String body = "{\"userId\":\"" + user + "\",\"amount\":25,\"category\":\"promotion\",\"ref\":\"referral-7\"}";
        Response a = service.internal("POST", "/grants", body, "Idempotency-Key", "g-1");
        Response b = service.internal("POST", "/grants", body, "Idempotency-Key", "g-1");
        assertThat(a.status()).isEqualTo(201);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(balance(user)).isEqualTo(10_025);
        Response other = service.internal("POST", "/grants", body.replace("25", "26"), "Idempotency-Key", "g-1");
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void debt_is_repaid_first_by_the_next_grant_and_the_balance_never_goes_negative() {
        UUID user = service.createUser("lots-debt@example.com");
        spend(user, 10_000);
        new JdbiLotRepository(new JdbiTransactions(service.jdbi())).addDebt(user, 300);
        assertThat(lots(user).get("debt").asLong()).isEqualTo(300);
        Response g = grant(user, "\"amount\":200,\"category\":\"admin\"");
        assertThat(g.json().get("balance").asLong()).isZero();
        assertThat(lots(user).get("debt").asLong()).isEqualTo(100);
        Response g2 = grant(user, "\"amount\":250,\"category\":\"admin\"");
        assertThat(g2.json().get("balance").asLong()).isEqualTo(150);
        assertThat(lots(user).get("debt").asLong()).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'debt_repayment'"))
                .isEqualTo(2);
        assertVerified();
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_writes_nothing() {
        UUID user = service.createUser("lots-bad@example.com");
        long entries = service.count("credit_ledger");
        String[][] cases = {
                {"\"amount\":0,\"category\":\"promotion\"", "amount"},
                {"\"amount\":-5,\"category\":\"promotion\"", "amount"},
                {"\"amount\":5,\"category\":\"purchase\"", "category"},
                {"\"amount\":5", "category"},
                {"\"amount\":5,\"category\":\"promotion\",\"priority\":101", "priority"},
                {"\"amount\":5,\"category\":\"promotion\",\"priority\":-1", "priority"},
                {"\"amount\":5,\"category\":\"promotion\",\"expiresAt\":\"2001-01-01T00:00:00Z\"", "expiresAt"},
                {"\"amount\":5,\"category\":\"promotion\",\"expiresAt\":\"tomorrow\"", "expiresAt"},
        };
        for (String[] c : cases) {
            Response r = grant(user, c[0]);
            assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).isEqualTo(c[1]);
        }
        Response noUser = service.internal("POST", "/grants", "{\"userId\":\"" + UUID.randomUUID()
                + "\",\"amount\":5,\"category\":\"admin\"}");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(service.internal("POST", "/lots/abc/void", null).status()).isEqualTo(404);
        assertThat(service.count("credit_ledger")).isEqualTo(entries);
    }
}
