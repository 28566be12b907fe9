package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.service.MeteringService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;
import dev.creditline.persistence.JdbiHoldRepository;
import dev.creditline.persistence.JdbiLedgerRepository;
import dev.creditline.persistence.JdbiModelCallRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.persistence.JdbiUserRepository;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Holds for streamed model calls: sized from the request, extended, captured in steps, settled by an expiry
 * policy; and a model call that outlives its hold is recorded and billed (docs/metering.md "Streaming holds").
 */
@DatabaseTest
class StreamingHoldTest {

    private static final long CEILING = 200_000;

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600",
            "DATABASE_POOL_SIZE", "60", "HOLD_MAX_OUTPUT_TOKENS", Long.toString(CEILING)));

    private static String u(UUID user) {
        return "\"userId\":\"" + user + "\"";
    }

    private static Response post(String path, String body, String... headers) {
        return service.internal("POST", path, body, headers);
    }

    private static String hold(UUID user, long amount, String extra) {
        Response r = post("/holds", "{" + u(user) + ",\"amount\":" + amount + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("holdId").asText();
    }

    private static MeteringService sweeper() {
        JdbiTransactions tx = new JdbiTransactions(service.jdbi());
        return new MeteringService(tx, new JdbiUserRepository(tx), new JdbiLedgerRepository(tx),
                new JdbiModelCallRepository(tx), new JdbiHoldRepository(tx), FreeAllowanceUseCase.NONE,
                PricingTable.defaults(), MicrosecondClock.of(service.clock()));
    }

    /** Moves the service clock just past the hold's deadline (holds with later deadlines stay open). */
    private static void expireNow(String id) {
        Instant deadline = service.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM holds WHERE id = ?::uuid")
                .bind(0, id).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        Duration ahead = Duration.between(service.clock().instant(), deadline);
        service.clock().advance((ahead.isNegative() ? Duration.ZERO : ahead).plusMillis(1));
    }

    private static long pending(UUID user) {
        return service.asUser(user, "GET", "/api/user/credit/balance", null).json().get("pendingCredit").asLong();
    }

    /** Sum of the ledger entries that belong to one hold (its reservation, settlement and steps). */
    private static long holdLedgerSum(UUID user, String id) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(delta), 0) FROM credit_ledger"
                        + " WHERE user_id = :u AND (ref_id = :id OR ref_id LIKE :prefix)")
                .bind("u", user).bind("id", id).bind("prefix", id + ":%").mapTo(Long.class).one());
    }

    // ---- sizing ---------------------------------------------------------------------------------------------

    @Test
    void a_sized_hold_equals_the_pricing_tables_cost_of_the_maximum_for_every_pricing_type() {
        UUID user = service.createUser("size@example.com");
        PricingTable table = PricingTable.defaults();
        record Case(String type, String model, String bound, long max, Usage usage) { }
        List<Case> cases = List.of(
                new Case("chatCompletion", "openai/gpt-5.2", "maxOutputTokens", 4_000, Usage.tokens(1_200, 4_000)),
                new Case("embedding", "deepseek/deepseek-v3.2", "maxOutputTokens", 0, Usage.tokens(1_200, 0)),
                new Case("custom", "anthropic/claude-opus-4.5", "maxOutputTokens", 2_500, Usage.tokens(700, 2_500)),
                new Case("imageGeneration", "openai/gpt-5.2", "maxImages", 3, Usage.images(150, 3)),
                new Case("audioGeneration", "deepseek/deepseek-v3.2", "maxMediaSeconds", 40, Usage.media(90, 40)),
                new Case("video", "anthropic/claude-opus-4.5", "maxMediaSeconds", 12, Usage.media(10, 12)),
                // unknown model → the default rate (3, 15)
                new Case("chatCompletion", "acme/unknown-model", "maxOutputTokens", 10_000, Usage.tokens(3_333, 10_000)));
        long expectedBalance = 10_000;
        for (Case c : cases) {
            long expected = table.cost(c.model(), CallType.fromWire(c.type()), CallStatus.SUCCESS, c.usage());
            Response r = post("/holds", "{" + u(user) + ",\"model\":\"" + c.model() + "\",\"type\":\"" + c.type()
                    + "\",\"inputTokens\":" + c.usage().inputTokens() + ",\"" + c.bound() + "\":" + c.max()
                    + ",\"ttlSeconds\":60}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            JsonNode j = r.json();
            assertThat(j.get("amount").asLong()).as(c.toString()).isEqualTo(expected);
            expectedBalance -= expected;
            assertThat(j.get("balance").asLong()).isEqualTo(expectedBalance);
            assertThat(j.get("onExpiry").asText()).isEqualTo("release");
            JsonNode p = j.get("pricing");
            assertThat(p.get("model").asText()).isEqualTo(c.model());
            assertThat(p.get("type").asText()).isEqualTo(c.type());
            assertThat(p.get("defaultRate").asBoolean()).isEqualTo(c.model().startsWith("acme/"));
            assertThat(p.get("input").decimalValue()).isEqualByComparingTo(table.rateFor(c.model()).input());
            assertThat(p.get("output").decimalValue()).isEqualByComparingTo(table.rateFor(c.model()).output());
            assertThat(p.get(c.bound()).asLong()).isEqualTo(c.max());
            assertThat(service.count("holds WHERE id = '" + j.get("holdId").asText() + "' AND amount = " + expected))
                    .isEqualTo(1);
        }
        // the default type is chat; the rest of the answer is today's
        Response chat = post("/holds", "{" + u(user) + ",\"model\":\"openai/gpt-5.2\",\"inputTokens\":1000,"
                + "\"maxOutputTokens\":1000}");
        assertThat(chat.json().get("amount").asLong()).isEqualTo(3 + 15);
        assertThat(chat.json().get("pricing").get("type").asText()).isEqualTo("chatCompletion");
        // more than the balance: 402 as today, nothing written
        long ledgerRows = service.count("credit_ledger WHERE user_id = '" + user + "'");
        Response tooMuch = post("/holds", "{" + u(user) + ",\"model\":\"anthropic/claude-opus-4.5\","
                + "\"maxOutputTokens\":" + CEILING + "}");
        assertThat(tooMuch.status()).isEqualTo(402);
        assertThat(tooMuch.json().get("required").asLong()).isEqualTo(15_000);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(ledgerRows);
        assertLedgerConsistent(service);
    }

    @Test
    void bad_streaming_input_is_400_naming_the_field_and_writes_nothing() {
        UUID user = service.createUser("bad-stream@example.com");
        String m = u(user) + ",\"model\":\"openai/gpt-5.2\"";
        Object[][] holds = {
                {"{" + m + ",\"inputTokens\":-1,\"maxOutputTokens\":10}", "inputTokens"},
                {"{" + m + ",\"maxOutputTokens\":-5}", "maxOutputTokens"},
                {"{" + m + ",\"maxOutputTokens\":" + (CEILING + 1) + "}", "maxOutputTokens"},
                {"{" + m + ",\"maxOutputTokens\":1.5}", "maxOutputTokens"},
                {"{" + m + ",\"maxOutputTokens\":\"10\"}", "maxOutputTokens"},
                {"{" + m + "}", "maxOutputTokens"},
                {"{" + m + ",\"amount\":50,\"maxOutputTokens\":10}", "amount"},
                {"{" + u(user) + ",\"amount\":50,\"inputTokens\":10}", "amount"},
                {"{" + m + ",\"maxOutputTokens\":10,\"maxImages\":2}", "maxImages"},
                {"{" + m + ",\"type\":\"imageGeneration\",\"maxOutputTokens\":10}", "maxOutputTokens"},
                {"{" + m + ",\"type\":\"imageGeneration\"}", "maxImages"},
                {"{" + m + ",\"type\":\"video\",\"maxMediaSeconds\":-1}", "maxMediaSeconds"},
                {"{" + m + ",\"type\":\"hologram\",\"maxOutputTokens\":10}", "type"},
                {"{" + u(user) + ",\"maxOutputTokens\":10}", "model"},
                {"{\"model\":\"x\",\"maxOutputTokens\":10}", "userId"},
                {"{" + m + ",\"maxOutputTokens\":10,\"onExpiry\":\"bill\"}", "onExpiry"},
                {"{" + u(user) + ",\"amount\":5,\"onExpiry\":\"later\"}", "onExpiry"},
                {"{" + m + ",\"maxOutputTokens\":10,\"ttlSeconds\":86401}", "ttlSeconds"},
        };
        for (Object[] c : holds) {
            Response r = post("/holds", (String) c[0]);
            assertThat(r.status()).as(c[0].toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(c[0].toString()).isEqualTo(c[1]);
        }
        assertThat(service.count("holds WHERE user_id = '" + user + "'")).isZero();
        String id = hold(user, 10, "");
        Object[][] captures = {
                {"{\"amount\":0,\"final\":false}", "amount"},
                {"{\"amount\":-3,\"final\":false}", "amount"},
                {"{\"final\":false}", "amount"},
                {"{\"amount\":3,\"final\":\"no\"}", "final"},
                {"{" + u(user) + ",\"model\":\"m\",\"usage\":{\"inputTokens\":1},\"final\":false}", "final"},
        };
        for (Object[] c : captures) {
            Response r = post("/holds/" + id + "/capture", (String) c[0]);
            assertThat(r.status()).as(c[0].toString()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(c[0].toString()).isEqualTo(c[1]);
        }
        for (String body : new String[] {"{\"ttlSeconds\":0}", "{\"ttlSeconds\":86401}", "{\"ttlSeconds\":\"60\"}"}) {
            Response r = post("/holds/" + id + "/extend", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("ttlSeconds");
        }
        assertThat(post("/holds/" + id + "/extend", null).status()).isEqualTo(400);
        assertThat(post("/holds/" + UUID.randomUUID() + "/extend", "{\"ttlSeconds\":5}").status()).isEqualTo(404);
        assertThat(post("/holds/nope/extend", "{\"ttlSeconds\":5}").status()).isEqualTo(404);
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'open' AND captured = 0")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(2);
    }

    // ---- extend ---------------------------------------------------------------------------------------------

    @Test
    void extend_moves_the_deadline_within_a_day_of_creation_and_only_while_the_hold_is_open() throws Exception {
        UUID user = service.createUser("extend@example.com");
        Response created = post("/holds", "{" + u(user) + ",\"amount\":40,\"ttlSeconds\":30}");
        String id = created.json().get("holdId").asText();
        Instant first = Instant.parse(created.json().get("expiresAt").asText());
        Response e = post("/holds/" + id + "/extend", "{\"ttlSeconds\":600}");
        assertThat(e.status()).as(e.body()).isEqualTo(200);
        Instant moved = Instant.parse(e.json().get("expiresAt").asText());
        assertThat(moved).isAfter(first.plusSeconds(500));
        assertThat(e.json().get("remaining").asLong()).isEqualTo(40);
        // a shorter heartbeat never shortens the hold
        Instant same = Instant.parse(post("/holds/" + id + "/extend", "{\"ttlSeconds\":5}").json().get("expiresAt")
                .asText());
        assertThat(same).isEqualTo(moved);
        // capped at 24 h after creation: a heartbeat keeps it open for 23 h 45 min, 23 h 30 min pass
        Instant createdAt = service.jdbi().withHandle(h -> h.createQuery("SELECT created_at FROM holds WHERE id = ?::uuid")
                .bind(0, id).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        assertThat(post("/holds/" + id + "/extend", "{\"ttlSeconds\":85500}").status()).isEqualTo(200);
        service.clock().advance(Duration.ofHours(23).plusMinutes(30));
        Response capped = post("/holds/" + id + "/extend", "{\"ttlSeconds\":86400}");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(Instant.parse(capped.json().get("expiresAt").asText()))
                .isEqualTo(createdAt.plus(Duration.ofHours(24)));
        // past its deadline: 410, and the deadline stays
        expireNow(id);
        Response late = post("/holds/" + id + "/extend", "{\"ttlSeconds\":60}");
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().get("code").asText()).isEqualTo("HOLD_EXPIRED");
        assertThat(sweeper().sweepExpiredHolds(10_000)).isPositive();
        assertThat(post("/holds/" + id + "/extend", "{\"ttlSeconds\":60}").status()).isEqualTo(410);
        // captured or released: 409
        String captured = hold(user, 10, "");
        post("/holds/" + captured + "/capture", "{\"amount\":3}");
        Response settled = post("/holds/" + captured + "/extend", "{\"ttlSeconds\":60}");
        assertThat(settled.status()).isEqualTo(409);
        assertThat(settled.json().get("holdStatus").asText()).isEqualTo("captured");
        // with an Idempotency-Key a retry answers the first result
        String keyed = hold(user, 10, ",\"ttlSeconds\":30");
        Response k1 = post("/holds/" + keyed + "/extend", "{\"ttlSeconds\":120}", "Idempotency-Key", "beat-1");
        service.clock().advance(Duration.ofMillis(20));
        Response k2 = post("/holds/" + keyed + "/extend", "{\"ttlSeconds\":120}", "Idempotency-Key", "beat-1");
        assertThat(k2.body()).isEqualTo(k1.body());
        assertThat(k2.header("Idempotent-Replayed")).isEqualTo("true");
    }

    // ---- partial captures -----------------------------------------------------------------------------------

    @Test
    void partial_captures_take_from_the_hold_in_steps_and_the_final_capture_settles_the_rest() {
        UUID user = service.createUser("steps@example.com");
        String id = hold(user, 100, "");
        assertThat(pending(user)).isEqualTo(100);

        Response s1 = post("/holds/" + id + "/capture", "{\"amount\":30,\"final\":false}", "Idempotency-Key", "s-1");
        assertThat(s1.status()).as(s1.body()).isEqualTo(200);
        JsonNode j1 = s1.json();
        assertThat(j1.get("final").asBoolean()).isFalse();
        assertThat(j1.get("step").asInt()).isEqualTo(1);
        assertThat(j1.get("captured").asLong()).isEqualTo(30);
        assertThat(j1.get("capturedTotal").asLong()).isEqualTo(30);
        assertThat(j1.get("remaining").asLong()).isEqualTo(70);
        assertThat(j1.get("balance").asLong()).isEqualTo(9_900);
        assertThat(pending(user)).isEqualTo(70);
        assertThat(service.count("credit_ledger WHERE reason = 'hold_capture' AND ref_type = 'hold_capture'"
                + " AND ref_id = '" + id + ":1' AND delta = -30")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE reason = 'hold_release' AND ref_type = 'hold_capture_return'"
                + " AND ref_id = '" + id + ":1' AND delta = 30")).isEqualTo(1);
        // the same step retried with its key: same answer, nothing more
        Response again = post("/holds/" + id + "/capture", "{\"amount\":30,\"final\":false}", "Idempotency-Key", "s-1");
        assertThat(again.body()).isEqualTo(s1.body());
        assertThat(service.count("credit_ledger WHERE ref_type = 'hold_capture' AND ref_id LIKE '" + id + ":%'"))
                .isEqualTo(1);

        // a step above what is left takes the rest and debits the difference
        JsonNode j2 = post("/holds/" + id + "/capture", "{\"amount\":80,\"final\":false}").json();
        assertThat(j2.get("step").asInt()).isEqualTo(2);
        assertThat(j2.get("captured").asLong()).isEqualTo(70);
        assertThat(j2.get("extraDebit").asLong()).isEqualTo(10);
        assertThat(j2.get("remaining").asLong()).isZero();
        assertThat(j2.get("balance").asLong()).isEqualTo(9_890);
        assertThat(pending(user)).isZero();

        // the final capture of 5 more: nothing left in the hold, so 5 are debited beyond it
        JsonNode f = post("/holds/" + id + "/capture", "{\"amount\":5}").json();
        assertThat(f.get("captured").asLong()).isEqualTo(100);
        assertThat(f.get("released").asLong()).isZero();
        assertThat(f.get("extraDebit").asLong()).isEqualTo(5);
        assertThat(f.get("balance").asLong()).isEqualTo(9_885);
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'captured' AND captured = 100"
                + " AND extra_debit = 15 AND capture_steps = 2")).isEqualTo(1);
        assertThat(holdLedgerSum(user, id)).isEqualTo(-115);
        assertThat(post("/holds/" + id + "/capture", "{\"amount\":1,\"final\":false}").status()).isEqualTo(409);

        // a model call settling a partially captured hold: its cost counts what the steps already took
        String h2 = hold(user, 50, "");
        post("/holds/" + h2 + "/capture", "{\"amount\":4,\"final\":false}");
        // (1200, 350) on gpt-5.2 = 9 credits in all: 5 more from the hold, 41 back
        Response call = post("/holds/" + h2 + "/capture", MeteringSupport.call(user, "openai/gpt-5.2", 1_200, 350));
        assertThat(call.json().get("captured").asLong()).isEqualTo(9);
        assertThat(call.json().get("released").asLong()).isEqualTo(41);
        assertThat(call.json().get("credits").asLong()).isEqualTo(9);
        assertThat(balance(service, user)).isEqualTo(9_885 - 9);

        // a release after steps gives back only what the hold still reserves
        String h3 = hold(user, 60, "");
        post("/holds/" + h3 + "/capture", "{\"amount\":25,\"final\":false}");
        JsonNode rel = post("/holds/" + h3 + "/release", null).json();
        assertThat(rel.get("released").asLong()).isEqualTo(35);
        assertThat(balance(service, user)).isEqualTo(9_885 - 9 - 25);
        assertThat(pending(user)).isZero();
        assertLedgerConsistent(service);
    }

    // ---- expiry policy --------------------------------------------------------------------------------------

    @Test
    void an_abandoned_hold_with_on_expiry_capture_is_billed_once_by_the_sweeper() throws Exception {
        UUID user = service.createUser("policy-capture@example.com");
        Response created = post("/holds", "{" + u(user) + ",\"model\":\"openai/gpt-5.2\",\"maxOutputTokens\":10000,"
                + "\"onExpiry\":\"capture\"}");
        assertThat(created.json().get("onExpiry").asText()).isEqualTo("capture");
        String id = created.json().get("holdId").asText();
        assertThat(created.json().get("amount").asLong()).isEqualTo(150);
        expireNow(id);
        List<Integer> swept = MeteringSupport.together(4, i -> () -> sweeper().sweepExpiredHolds(10_000));
        assertThat(swept.stream().mapToInt(Integer::intValue).sum()).isPositive();
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'expired' AND captured = 150"
                + " AND released = 0")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE reason = 'hold_capture' AND ref_id = '" + id + ":expiry'"
                + " AND delta = -150")).isEqualTo(1);
        assertThat(holdLedgerSum(user, id)).isEqualTo(-150);
        assertThat(balance(service, user)).isEqualTo(9_850);
        assertThat(sweeper().sweepExpiredHolds(10_000)).isZero();
        assertThat(balance(service, user)).isEqualTo(9_850);
        assertLedgerConsistent(service);
    }

    @Test
    void an_abandoned_hold_with_on_expiry_release_is_refunded_once() throws Exception {
        UUID user = service.createUser("policy-release@example.com");
        String id = hold(user, 150, ",\"onExpiry\":\"release\"");
        expireNow(id);
        MeteringSupport.together(4, i -> () -> sweeper().sweepExpiredHolds(10_000));
        assertThat(service.count("holds WHERE id = '" + id + "' AND status = 'expired' AND released = 150")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE ref_type = 'hold_settlement' AND ref_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(10_000);
        assertLedgerConsistent(service);
    }

    @Test
    void a_partially_captured_hold_keeps_what_was_captured_when_it_expires_under_either_policy() {
        UUID user = service.createUser("policy-partial@example.com");
        String released = hold(user, 100, ",\"onExpiry\":\"release\"");
        String captured = hold(user, 100, ",\"onExpiry\":\"capture\"");
        post("/holds/" + released + "/capture", "{\"amount\":30,\"final\":false}");
        post("/holds/" + captured + "/capture", "{\"amount\":30,\"final\":false}");
        assertThat(pending(user)).isEqualTo(140);
        expireNow(released);
        expireNow(captured);
        sweeper().sweepExpiredHolds(10_000);
        assertThat(service.count("holds WHERE id = '" + released + "' AND status = 'expired' AND captured = 30"
                + " AND released = 70")).isEqualTo(1);
        assertThat(service.count("holds WHERE id = '" + captured + "' AND status = 'expired' AND captured = 100"
                + " AND released = 0")).isEqualTo(1);
        assertThat(holdLedgerSum(user, released)).isEqualTo(-30);
        assertThat(holdLedgerSum(user, captured)).isEqualTo(-100);
        assertThat(balance(service, user)).isEqualTo(10_000 - 130);
        assertThat(pending(user)).isZero();
        assertLedgerConsistent(service);
    }

    // ---- a model call that outlives its hold ----------------------------------------------------------------

    @Test
    void a_model_call_on_an_expired_hold_is_recorded_and_debited_directly() {
        UUID user = service.createUser("late@example.com");
        // open but past its deadline (not swept yet): the policy settles it, the call is debited directly
        String open = hold(user, 50, "");
        expireNow(open);
        // a plain amount on an expired hold stays 410 and writes nothing (there is no call to record)
        Response plain = post("/holds/" + open + "/capture", "{\"amount\":3}");
        assertThat(plain.status()).isEqualTo(410);
        assertThat(post("/holds/" + open + "/capture", "{\"amount\":3,\"final\":false}").status()).isEqualTo(410);
        assertThat(service.count("holds WHERE id = '" + open + "' AND status = 'open' AND captured = 0")).isEqualTo(1);
        Response r = post("/model-calls", "{" + u(user) + ",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1200,"
                + "\"outputTokens\":350},\"holdId\":\"" + open + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("credits").asLong()).isEqualTo(9);
        assertThat(r.json().get("expired").asBoolean()).isTrue();
        assertThat(r.json().get("released").asLong()).isEqualTo(50);
        assertThat(r.json().get("extraDebit").asLong()).isEqualTo(9);
        assertThat(r.json().get("shortfall").asLong()).isZero();
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000 - 9);
        String callId = r.json().get("id").asText();
        assertThat(service.count("model_calls WHERE id = '" + callId + "' AND hold_id = '" + open + "' AND credits = 9"))
                .isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE reason = 'usage' AND ref_type = 'model_call' AND ref_id = '"
                + callId + "' AND delta = -9")).isEqualTo(1);
        assertThat(service.count("holds WHERE id = '" + open + "' AND status = 'expired'")).isEqualTo(1);

        // already swept: the capture endpoint with a model call body records and debits it too
        String swept = hold(user, 20, "");
        expireNow(swept);
        sweeper().sweepExpiredHolds(10_000);
        Response c = post("/holds/" + swept + "/capture", MeteringSupport.call(user, "openai/gpt-5.2", 1_200, 350));
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("credits").asLong()).isEqualTo(9);
        assertThat(c.json().get("extraDebit").asLong()).isEqualTo(9);
        assertThat(service.count("model_calls WHERE id = '" + c.json().get("modelCallId").asText() + "'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(10_000 - 18);

        // the capture policy already billed the rest: the call pays only what its cost is above that
        String billed = hold(user, 5, ",\"onExpiry\":\"capture\"");
        expireNow(billed);
        Response p = post("/model-calls", "{" + u(user) + ",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1200,"
                + "\"outputTokens\":350},\"holdId\":\"" + billed + "\"}");
        assertThat(p.json().get("captured").asLong()).isEqualTo(5);
        assertThat(p.json().get("extraDebit").asLong()).isEqualTo(4);
        assertThat(p.json().get("credits").asLong()).isEqualTo(9);
        assertThat(balance(service, user)).isEqualTo(10_000 - 27);

        // not enough credits left: what the balance allows, the shortfall reported, the call recorded
        String poor = hold(user, 10, "");
        service.internal("POST", "/holds", "{" + u(user) + ",\"amount\":" + (balance(service, user) - 3) + "}");
        expireNow(poor);
        Response s = post("/model-calls", "{" + u(user) + ",\"model\":\"anthropic/claude-opus-4.5\","
                + "\"usage\":{\"outputTokens\":1000},\"holdId\":\"" + poor + "\"}");
        assertThat(s.status()).isEqualTo(201);
        // 75 credits; the expired hold's 10 came back first, so 13 are available
        assertThat(s.json().get("extraDebit").asLong()).isEqualTo(13);
        assertThat(s.json().get("shortfall").asLong()).isEqualTo(62);
        assertThat(s.json().get("credits").asLong()).isEqualTo(13);
        assertThat(balance(service, user)).isZero();
        assertLedgerConsistent(service);
    }

    // ---- race ---------------------------------------------------------------------------------------------

    @Test
    void extend_partial_captures_final_capture_release_and_the_sweeper_racing_on_200_holds_leave_one_legal_outcome()
            throws Exception {
        int n = 200;
        int batch = 8;
        UUID user = service.createUser("stream-race@example.com");
        List<String> ids = new ArrayList<>();
        List<List<Response>> answers = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            List<String> group = new ArrayList<>();
            for (int i = from; i < from + batch; i++) {
                String id = hold(user, 10, ",\"ttlSeconds\":60,\"onExpiry\":\"" + (i % 2 == 0 ? "release" : "capture") + "\"");
                long ms = ThreadLocalRandom.current().nextLong(0, 120);
                // the TTL is about to end
                // (shorter than the API's 1 s minimum TTL, so set on the row, from the service clock)
                Instant soon = service.clock().instant().plusMillis(ms);
                service.jdbi().useHandle(h -> h.execute("UPDATE holds SET expires_at = ? WHERE id = ?::uuid",
                        java.time.OffsetDateTime.ofInstant(soon, java.time.ZoneOffset.UTC), id));
                group.add(id);
            }
            List<Response> rs = MeteringSupport.together(6 * batch, k -> {
                String id = group.get(k / 6);
                String base = "/holds/" + id;
                return switch (k % 6) {
                    case 0 -> () -> post(base + "/extend", "{\"ttlSeconds\":1}");
                    case 1 -> () -> post(base + "/capture", "{\"amount\":3,\"final\":false}");
                    case 2 -> () -> post(base + "/capture", "{\"amount\":4,\"final\":false}");
                    case 3 -> () -> post(base + "/capture", "{\"amount\":5}");
                    case 4 -> () -> post(base + "/release", null);
                    default -> () -> {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(0, 150)); // jitter: the sweep lands among the calls
                        sweeper().sweepExpiredHolds(100);
                        return null;
                    };
                };
            });
            for (int g = 0; g < batch; g++) {
                ids.add(group.get(g));
                answers.add(rs.subList(6 * g, 6 * g + 6));
            }
        }
        // whatever is still open expires and is swept
        service.clock().advance(Duration.ofMillis(1_100));
        sweeper().sweepExpiredHolds(100_000);
        assertThat(service.count("holds WHERE user_id = '" + user + "' AND status = 'open'")).isZero();

        long totalCharged = 0;
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            List<Response> a = answers.get(i);
            for (int k = 0; k < 5; k++) {
                assertThat(a.get(k).status()).as(id + " op " + k + " " + a.get(k).body()).isIn(200, 409, 410);
            }
            Map<String, Object> row = service.jdbi().withHandle(h -> h.createQuery("SELECT status, captured, released,"
                    + " extra_debit, capture_steps, on_expiry FROM holds WHERE id = ?::uuid").bind(0, id).mapToMap().one());
            String status = (String) row.get("status");
            long captured = ((Number) row.get("captured")).longValue();
            long extra = ((Number) row.get("extra_debit")).longValue();
            long released = ((Number) row.get("released")).longValue();
            int steps = ((Number) row.get("capture_steps")).intValue();
            // exactly one settlement: the one whose answer was 200 (or the expiry)
            boolean finalWon = a.get(3).status() == 200;
            boolean releaseWon = a.get(4).status() == 200;
            assertThat(finalWon && releaseWon).as(id).isFalse();
            assertThat(status).as(id).isEqualTo(finalWon ? "captured" : releaseWon ? "released" : "expired");
            // the partial captures that answered 200 are exactly the recorded steps
            long stepsOk = a.subList(1, 3).stream().filter(r -> r.status() == 200).count();
            assertThat(steps).as(id).isEqualTo((int) stepsOk);
            long stepCharged = a.subList(1, 3).stream().filter(r -> r.status() == 200)
                    .mapToLong(r -> r.json().get("captured").asLong() + r.json().get("extraDebit").asLong()).sum();
            assertThat(stepCharged).as(id).isIn(0L, 3L, 4L, 7L);
            assertThat(captured + released).as(id).isEqualTo(10);
            long charged = captured + extra;
            long expected = switch (status) {
                case "captured" -> Math.min(10, stepCharged + 5) + Math.max(0, stepCharged + 5 - 10);
                case "released" -> stepCharged;
                default -> "capture".equals(row.get("on_expiry")) ? 10 : stepCharged;
            };
            assertThat(charged).as(id + " " + row).isEqualTo(expected);
            // never more than held plus the documented extra debit of a capture above the hold
            assertThat(charged).as(id).isLessThanOrEqualTo(10 + extra);
            assertThat(holdLedgerSum(user, id)).as(id).isEqualTo(-charged);
            assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'hold_settlement'"
                    + " AND ref_id = '" + id + "'")).isLessThanOrEqualTo(1);
            totalCharged += charged;
        }
        assertThat(balance(service, user)).isEqualTo(10_000 - totalCharged);
        assertThat(pending(user)).isZero();
        assertLedgerConsistent(service);
    }
}
