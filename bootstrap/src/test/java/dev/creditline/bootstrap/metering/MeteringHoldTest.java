package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static dev.creditline.bootstrap.metering.MeteringSupport.together;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.service.MeteringService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.persistence.JdbiHoldRepository;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiModelCallRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.JdbiUserRepository;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Holds: reserve, capture, release, expiry (api.md "Metering"; domain.md "Holds"; lessons 7, 10, 11). */
@DatabaseTest
class MeteringHoldTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600", "DATABASE_POOL_SIZE", "40"));

    private static String hold(UUID user, long amount, long ttl) {
        Response r = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":" + amount
                + ",\"ttlSeconds\":" + ttl + ",\"ref\":\"chat-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("holdId").asText();
    }

    @Test
    void a_hold_reserves_and_a_capture_refunds_the_rest() {
        UUID user = service.createUser("h1@example.com");
        Response created = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":500}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode h = created.json();
        assertThat(h.get("amount").asLong()).isEqualTo(500);
        assertThat(h.get("balance").asLong()).isEqualTo(9_500);
        assertThat(h.get("expiresAt").asText()).endsWith("Z");
        String id = h.get("holdId").asText();
        assertThat(service.count("credit_ledger WHERE reason = 'hold' AND ref_type = 'hold' AND ref_id = '" + id
                + "' AND delta = -500")).isEqualTo(1);

        JsonNode c = service.internal("POST", "/holds/" + id + "/capture", "{\"amount\":120}").json();
        assertThat(c.get("captured").asLong()).isEqualTo(120);
        assertThat(c.get("released").asLong()).isEqualTo(380);
        assertThat(c.get("shortfall").asLong()).isZero();
        assertThat(c.get("balance").asLong()).isEqualTo(9_880);
        assertThat(service.count("credit_ledger WHERE reason = 'hold_release' AND ref_type = 'hold_settlement'"
                + " AND ref_id = '" + id + "' AND delta = 380")).isEqualTo(1);
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'captured' AND captured = 120")).isEqualTo(1);

        Response again = service.internal("POST", "/holds/" + id + "/release", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("HOLD_ALREADY_SETTLED");
        assertThat(balance(service, user)).isEqualTo(9_880);
        assertLedgerConsistent(service);
    }

    @Test
    void a_hold_is_captured_at_a_model_calls_cost() {
        UUID user = service.createUser("h2@example.com");
        String id = hold(user, 100, 600);
        // (1200, 350) at (3, 15) = 9
        Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\","
                + "\"usage\":{\"inputTokens\":1200,\"outputTokens\":350},\"holdId\":\"" + id + "\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("credits").asLong()).isEqualTo(9);
        assertThat(r.json().get("released").asLong()).isEqualTo(91);
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000 - 9);
        assertThat(service.count("model_calls WHERE hold_id = '" + id + "' AND credits = 9")).isEqualTo(1);
        // no separate usage debit: the hold paid for it
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'usage'")).isZero();

        // the capture endpoint with a model call body records the call too
        String id2 = hold(user, 5, 600);
        Response c = service.internal("POST", "/holds/" + id2 + "/capture", "{\"userId\":\"" + user + "\","
                + "\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1200,\"outputTokens\":350}}");
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.json().get("captured").asLong()).isEqualTo(5);
        assertThat(c.json().get("extraDebit").asLong()).isEqualTo(4);
        assertThat(c.json().get("credits").asLong()).isEqualTo(9);
        assertThat(c.json().get("balance").asLong()).isEqualTo(10_000 - 18);
        assertThat(service.count("model_calls WHERE id = '" + c.json().get("modelCallId").asText() + "'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE reason = 'hold_capture_adjustment' AND ref_id = '" + id2
                + "' AND delta = -4")).isEqualTo(1);
        assertLedgerConsistent(service);
    }

    @Test
    void a_capture_above_the_hold_debits_what_is_available_and_reports_the_shortfall() {
        UUID user = service.createUser("h3@example.com");
        String id = hold(user, 9_000, 600);
        JsonNode c = service.internal("POST", "/holds/" + id + "/capture", "{\"amount\":10500}").json();
        assertThat(c.get("captured").asLong()).isEqualTo(9_000);
        assertThat(c.get("extraDebit").asLong()).isEqualTo(1_000);
        assertThat(c.get("shortfall").asLong()).isEqualTo(500);
        assertThat(c.get("balance").asLong()).isZero();
        assertThat(balance(service, user)).isZero();
        assertLedgerConsistent(service);
    }

    @Test
    void a_hold_larger_than_the_balance_is_402_and_writes_nothing() {
        UUID user = service.createUser("h4@example.com");
        Response r = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":10001}");
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.json().get("required").asLong()).isEqualTo(10_001);
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000);
        assertThat(service.count("holds WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @Test
    void bad_hold_input_is_a_clear_4xx_and_writes_nothing() {
        UUID user = service.createUser("h5@example.com");
        String u = "\"userId\":\"" + user + "\"";
        Object[][] cases = {
                {"{" + u + ",\"amount\":0}", "amount"},
                {"{" + u + ",\"amount\":-5}", "amount"},
                {"{" + u + ",\"amount\":1000000000001}", "amount"},
                {"{" + u + ",\"amount\":123456789012345678901234567890}", "amount"},
                {"{" + u + "}", "amount"},
                {"{" + u + ",\"amount\":5,\"ttlSeconds\":0}", "ttlSeconds"},
                {"{" + u + ",\"amount\":5,\"ttlSeconds\":86401}", "ttlSeconds"},
                {"{\"amount\":5}", "userId"},
        };
        for (Object[] c : cases) {
            Response r = service.internal("POST", "/holds", (String) c[0]);
            assertThat(r.status()).as(c[0].toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(c[1]);
        }
        assertThat(service.internal("POST", "/holds", "{\"userId\":\"" + UUID.randomUUID() + "\",\"amount\":5}").status())
                .isEqualTo(404);
        String id = hold(user, 10, 600);
        for (String body : new String[] {"{\"amount\":-1}", "{}", "{\"amount\":1000000000001}"}) {
            Response r = service.internal("POST", "/holds/" + id + "/capture", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("amount");
        }
        assertThat(service.internal("POST", "/holds/" + UUID.randomUUID() + "/capture", "{\"amount\":1}").status())
                .isEqualTo(404);
        assertThat(service.internal("POST", "/holds/nope/release", null).json().get("code").asText())
                .isEqualTo("HOLD_NOT_FOUND");
        // a model call body for another user's hold is refused
        UUID other = service.createUser("h5-other@example.com");
        Response foreign = service.internal("POST", "/holds/" + id + "/capture", "{\"userId\":\"" + other + "\","
                + "\"model\":\"m\",\"usage\":{\"inputTokens\":1}}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(service.count("holds WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'open'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(2);
        assertThat(service.count("model_calls WHERE user_id IN ('" + user + "', '" + other + "')")).isZero();
    }

    @Test
    void an_expired_hold_cannot_be_captured_but_can_be_released() throws Exception {
        UUID user = service.createUser("h6@example.com");
        String id = hold(user, 50, 1);
        service.clock().advance(Duration.ofMillis(1_100));
        Response r = service.internal("POST", "/holds/" + id + "/capture", "{\"amount\":10}");
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.json().get("code").asText()).isEqualTo("HOLD_EXPIRED");
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'open'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(9_950);
        JsonNode released = service.internal("POST", "/holds/" + id + "/release", null).json();
        assertThat(released.get("released").asLong()).isEqualTo(50);
        assertThat(released.get("balance").asLong()).isEqualTo(10_000);
    }

    @Test
    void work_that_outlives_its_hold_is_recorded_and_billed_not_free() throws Exception {
        UUID user = service.createUser("h6-late@example.com");
        String id = hold(user, 50, 1);
        service.clock().advance(Duration.ofMillis(1_100));
        // (1200, 350) on gpt-5.2 = 9 credits: the hold is settled by its policy (release) and the call debited
        Response model = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\","
                + "\"usage\":{\"inputTokens\":1200,\"outputTokens\":350},\"holdId\":\"" + id + "\"}");
        assertThat(model.status()).as(model.body()).isEqualTo(201);
        assertThat(model.json().get("credits").asLong()).isEqualTo(9);
        assertThat(model.json().get("extraDebit").asLong()).isEqualTo(9);
        assertThat(model.json().get("shortfall").asLong()).isZero();
        assertThat(model.json().get("balance").asLong()).isEqualTo(10_000 - 9);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "' AND credits = 9")).isEqualTo(1);
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'expired'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(10_000 - 9);
        assertLedgerConsistent(service);
    }

    @Test
    void capture_and_release_fired_together_settle_each_hold_exactly_once() throws Exception {
        UUID user = service.createUser("race@example.com");
        int holds = 100;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < holds; i++) {
            ids.add(hold(user, 10, 600));
        }
        assertThat(balance(service, user)).isEqualTo(10_000 - 10L * holds);
        int captures = 0;
        for (String id : ids) {
            List<Response> rs = together(2, i -> () -> i == 0
                    ? service.internal("POST", "/holds/" + id + "/capture", "{\"amount\":4}")
                    : service.internal("POST", "/holds/" + id + "/release", null));
            Response capture = rs.get(0);
            Response release = rs.get(1);
            assertThat(List.of(capture.status(), release.status())).containsExactlyInAnyOrder(200, 409);
            if (capture.status() == 200) {
                captures++;
            }
            assertThat(service.count("credit_ledger WHERE ref_type = 'hold_settlement' AND ref_id = '" + id + "'"))
                    .isEqualTo(1);
        }
        // every capture kept 4 credits, every release kept 0
        assertThat(balance(service, user)).isEqualTo(10_000 - 4L * captures);
        assertThat(service.count("holds WHERE user_id = '" + user + "' AND status = 'open'")).isZero();
        assertThat(service.count("holds WHERE user_id = '" + user + "' AND status = 'captured'")).isEqualTo(captures);
        assertLedgerConsistent(service);
    }

    @Test
    void several_sweepers_release_each_expired_hold_exactly_once() throws Exception {
        UUID user = service.createUser("sweep@example.com");
        int n = 40;
        for (int i = 0; i < n; i++) {
            hold(user, 25, 600);
        }
        service.clock().advance(Duration.ofSeconds(601));
        String open = hold(user, 7, 600);
        // four "instances", each with its own transaction manager on the same database
        List<Integer> swept = together(4, i -> () -> {
            JdbiTransactions tx = new JdbiTransactions(service.jdbi());
            return new MeteringService(tx, new JdbiUserRepository(tx), new JdbiLedgerRepository(tx),
                    new JdbiModelCallRepository(tx), new JdbiHoldRepository(tx), FreeAllowanceUseCase.NONE,
                    PricingTable.defaults(), MicrosecondClock.of(service.clock())).sweepExpiredHolds(1_000);
        });
        assertThat(swept.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
        assertThat(service.count("holds WHERE user_id = '" + user + "' AND status = 'expired'")).isEqualTo(n);
        assertThat(service.count("holds WHERE id = '" + open + "' AND status = 'open'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'hold_release'")).isEqualTo(n);
        assertThat(balance(service, user)).isEqualTo(10_000 - 7);
        assertLedgerConsistent(service);
    }
}
