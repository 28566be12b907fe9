package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.together;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A free user is "seen" by any authenticated read (domain.md "Plans and monthly allowance"): the
 * bearer filter applies the lazy allowance before every user endpoint, so profile, info and
 * credit views all show the granted balance, and concurrent reads grant once (lesson 3).
 */
@DatabaseTest
class FreeAllowanceOnEveryReadTest {

    @AutoClose
    private static final TestService service = TestService.start();

    private static UUID freeUserPastThePeriod(String email) {
        UUID user = service.createUser(email);
        service.clock().advance(Duration.ofDays(31));
        return user;
    }

    private static long grants(UUID user) {
        return service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'monthly_allowance'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/users/profile,       /credits_balance",
            "/api/user/info,           /creditBalance/balance",
            "/api/user/credit/balance, /balance",
            "/api/credits/history,     /items/0/balance_after",
            "/api/users/usage-breakdown, "})
    void every_user_read_grants_a_due_allowance_and_shows_it(String path, String balancePointer) {
        UUID user = freeUserPastThePeriod("seen" + Math.abs(path.hashCode()) + "@example.com");

        var r = service.asUser(user, "GET", path, null);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(grants(user)).isEqualTo(1);
        if (balancePointer != null) {
            JsonNode balance = r.json().at(balancePointer.trim());
            // /api/user/info shows creditBalance only when Stripe is configured.
            if (!balance.isMissingNode()) {
                assertThat(balance.asLong()).isEqualTo(20_000);
            }
        }
        assertThat(service.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong())
                .isEqualTo(20_000);
        assertThat(grants(user)).isEqualTo(1);
    }

    @Test
    void concurrent_reads_of_different_endpoints_grant_once() throws Exception {
        UUID user = freeUserPastThePeriod("together@example.com");
        String[] paths = {"/api/users/me", "/api/users/profile", "/api/user/info", "/api/credits/balance",
                "/api/user/credit/balance"};

        List<Integer> statuses = together(20, i -> () -> service.asUser(user, "GET", paths[i % paths.length], null).status());

        assertThat(statuses).containsOnly(200);
        assertThat(grants(user)).isEqualTo(1);
        assertThat(service.asUser(user, "GET", "/api/users/me", null).json().get("credits_balance").asLong())
                .isEqualTo(20_000);
        assertLedgerConsistent(service);
    }

    @Test
    void a_user_within_the_period_gets_nothing() {
        UUID user = service.createUser("fresh@example.com");
        service.asUser(user, "GET", "/api/users/profile", null);
        service.asUser(user, "GET", "/api/user/info", null);
        assertThat(grants(user)).isZero();
    }
}
