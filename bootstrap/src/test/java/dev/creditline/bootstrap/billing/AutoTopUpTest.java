package dev.creditline.bootstrap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeStub.RecordedRequest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto top-up end to end with the Stripe stub (events.md "Auto top-up"): a debit crossing the
 * threshold → one off-session PaymentIntent with key {@code topup_<attempt id>} and the pack's
 * amount → signed {@code payment_intent.succeeded} → one purchase lot and {@code topup.succeeded};
 * duplicate and out-of-order webhooks grant once; {@code requires_action} → event, no credits;
 * the monthly limit under concurrent debits; 3 failures switch it off; bad input → 400.
 */
@DatabaseTest
class AutoTopUpTest {

    /** 1000/1000 tokens of openai/gpt-5.2 cost 18 credits. */
    private static final long CALL = 18;
    /** The default starter pack: 50,000 credits for $5.00. */
    private static final long STARTER_CREDITS = 50_000;
    private static final long STARTER_CENTS = 500;

    private static final StripeStub stub = StripeStub.start();
    private static final TestService service = TestService.start(env());

    private static Map<String, String> env() {
        Map<String, String> env = BillingTestKit.env(stub);
        env.put("SIGNUP_BONUS_CREDITS", "1180");
        env.put("STRIPE_INTENT_INTERVAL_SECONDS", "1");
        env.put("LOW_BALANCE_THRESHOLDS", "off");
        env.put("DATABASE_POOL_SIZE", "40");
        return env;
    }

    @AfterAll
    static void close() {
        service.close();
        stub.close();
    }

    @BeforeEach
    void resetStub() {
        stub.reset();
    }

    @Test
    void a_debit_crossing_the_threshold_charges_once_and_the_signed_webhook_grants_once() throws Exception {
        UUID user = userWithCard("e2e@example.com");
        enable(user, 1000, "starter", 5);

        // 50 concurrent debits: 1180 → 280 crosses 1000 once.
        assertThat(together(50, i -> () -> service.internal("POST", "/model-calls", call(user)).status()))
                .containsOnly(201);
        RecordedRequest pi = awaitPaymentIntents(1).get(0);
        UUID attempt = onlyAttempt(user);
        assertThat(pi.idempotencyKey()).isEqualTo("topup_" + attempt);
        assertThat(pi.param("amount")).isEqualTo(Long.toString(STARTER_CENTS));
        assertThat(pi.param("currency")).isEqualTo("usd");
        assertThat(pi.param("off_session")).isEqualTo("true");
        assertThat(pi.param("confirm")).isEqualTo("true");
        assertThat(pi.param("customer")).isEqualTo("cus_" + user.toString().substring(0, 8));
        assertThat(pi.param("payment_method")).isEqualTo("pm_card_" + user.toString().substring(0, 8));
        assertThat(pi.param("metadata[topup_attempt_id]")).isEqualTo(attempt.toString());
        await(() -> "processing".equals(status(user, attempt)));
        assertThat(balance(user)).isEqualTo(280); // never from the API answer

        String piId = paymentIntentId(user, attempt);
        String succeeded = paymentIntentEvent("payment_intent.succeeded", BillingTestKit.id("evt"), user, attempt, piId,
                "succeeded");
        assertThat(BillingTestKit.deliver(service, succeeded).status()).isEqualTo(200);
        assertThat(BillingTestKit.deliver(service, succeeded).status()).isEqualTo(200); // the same event again
        assertThat(BillingTestKit.deliver(service, paymentIntentEvent("payment_intent.succeeded",
                BillingTestKit.id("evt"), user, attempt, piId, "succeeded")).status()).isEqualTo(200); // a new id
        assertThat(balance(user)).isEqualTo(280 + STARTER_CREDITS);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'stripe_payment_intent'"
                + " AND ref_id = '" + piId + "' AND delta = " + STARTER_CREDITS + " AND reason = 'purchase'")).isEqualTo(1);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'purchase'"
                + " AND ref_id = '" + piId + "'")).isEqualTo(1);
        assertThat(status(user, attempt)).isEqualTo("succeeded");
        assertThat(events(user, "topup.succeeded")).hasSize(1);
        assertThat(events(user, "topup.succeeded").get(0)).contains("\"attemptId\": \"" + attempt + "\"")
                .contains("\"paymentIntentId\": \"" + piId + "\"");
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
        // The migration added the ref type and kept every other one.
        String index = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT pg_get_indexdef('credit_ledger_idempotent_ref_key'::regclass)").mapTo(String.class).one());
        assertThat(index).contains("stripe_payment_intent", "stripe_checkout_session", "stripe_invoice", "model_call",
                        "lot_expiry", "signup_bonus", "debt_repayment");
    }

    @Test
    void webhooks_in_every_order_and_duplicated_grant_once() throws Exception {
        List<String> kinds = List.of("payment_intent.requires_action", "payment_intent.succeeded",
                "payment_intent.succeeded", "payment_intent.payment_failed");
        for (int[] order : BillingTestKit.permutations(kinds.size())) {
            UUID user = service.createUser("order-" + UUID.randomUUID() + "@example.com");
            UUID attempt = UUID.randomUUID();
            String piId = BillingTestKit.id("pi");
            service.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO topup_attempts (user_id, id, pack_id, credits, amount_cents, currency, status,
                        payment_intent_id, created_at, updated_at)
                    VALUES (:u, :a, 'starter', 50000, 500, 'usd', 'processing', :pi, now(), now())""")
                    .bind("u", user).bind("a", attempt).bind("pi", piId).execute());
            for (int i : order) {
                String kind = kinds.get(i);
                Response r = BillingTestKit.deliver(service, paymentIntentEvent(kind, BillingTestKit.id("evt"), user,
                        attempt, piId, kind.equals("payment_intent.succeeded") ? "succeeded"
                                : kind.endsWith("requires_action") ? "requires_action" : "requires_payment_method"));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            String where = "credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'stripe_payment_intent'";
            assertThat(service.count(where)).as(java.util.Arrays.toString(order)).isEqualTo(1);
            assertThat(balance(user)).isEqualTo(1180 + STARTER_CREDITS);
            assertThat(status(user, attempt)).as(java.util.Arrays.toString(order)).isEqualTo("succeeded");
            assertThat(events(user, "topup.succeeded")).hasSize(1);
        }
    }

    @Test
    void requires_action_emits_the_event_with_a_link_and_grants_nothing() throws Exception {
        UUID user = userWithCard("action@example.com");
        enable(user, 1170, "starter", 5);
        stub.nextPaymentIntentStatus("requires_action");
        assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201); // 1162
        awaitPaymentIntents(1);
        UUID attempt = onlyAttempt(user);
        await(() -> "requires_action".equals(status(user, attempt)));
        List<String> action = events(user, "topup.action_required");
        assertThat(action).hasSize(1);
        assertThat(action.get(0)).contains("https://hooks.stripe.com/3d_secure_2/authenticate/");
        assertThat(balance(user)).isEqualTo(1162);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'purchase'")).isZero();
    }

    @Test
    void the_monthly_limit_holds_under_concurrent_debits() throws Exception {
        UUID user = userWithCard("limit@example.com");
        enable(user, 1000, "starter", 1);
        // Declined cards do not count against the limit; a paid top-up does.
        assertThat(together(20, i -> () -> service.internal("POST", "/model-calls", call(user)).status()))
                .containsOnly(201); // 1180 → 820: crossing 1
        awaitPaymentIntents(1);
        UUID first = onlyAttempt(user);
        await(() -> "processing".equals(status(user, first)));
        BillingTestKit.deliver(service, paymentIntentEvent("payment_intent.succeeded", BillingTestKit.id("evt"), user,
                first, paymentIntentId(user, first), "succeeded"));
        // 820 + 50000 = 50820: take it down over 1000 again in many concurrent debits (crossing 2, over the limit).
        grantDown(user, 50_820 - 1_010);
        assertThat(together(30, i -> () -> service.internal("POST", "/model-calls", call(user)).status()))
                .containsOnly(201);
        await(() -> events(user, "topup.failed").size() == 1);
        Thread.sleep(1500); // real time: proving a negative, the 1 s worker's next pass charges nothing more
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(1);
        assertThat(events(user, "topup.failed").get(0)).contains("\"reason\": \"monthly_limit\"");
        assertThat(service.count("topup_attempts WHERE user_id = '" + user + "'")).isEqualTo(2);
        assertThat(service.count("topup_attempts WHERE user_id = '" + user + "' AND status = 'failed'"
                + " AND failure_reason = 'monthly_limit' AND payment_intent_id IS NULL")).isEqualTo(1);
    }

    @Test
    void three_failures_in_a_row_switch_auto_top_up_off() throws Exception {
        UUID user = userWithCard("failures@example.com");
        enable(user, 1100, "starter", 10);
        stub.failAlways(StripeStub.Failure.cardDeclined());
        for (int round = 1; round <= 3; round++) {
            // Exactly at the threshold, then one debit below it.
            setBalance(user, 1100);
            assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201);
            int failed = round;
            await(() -> events(user, "topup.failed").size() == failed);
        }
        Response settings = service.asUser(user, "GET", "/api/billing/auto-topup", null);
        assertThat(settings.json().get("enabled").asBoolean()).isFalse();
        assertThat(settings.json().get("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(events(user, "topup.failed").get(0)).contains("\"reason\": \"card_declined\"");
        // A fourth crossing starts nothing.
        setBalance(user, 1100);
        assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201);
        Thread.sleep(1500); // real time: proving a negative, the 1 s worker's next pass starts nothing
        assertThat(service.count("topup_attempts WHERE user_id = '" + user + "'")).isEqualTo(3);
        assertThat(stub.requests("POST", "/v1/payment_intents")).hasSize(3);
    }

    @Test
    void a_saved_card_comes_from_the_signed_setup_intent_and_pack_payment_webhooks() {
        UUID user = service.createUser("card@example.com");
        BillingTestKit.setCustomer(service, user, "cus_card_test");
        Response open = service.asUser(user, "POST", "/api/billing/payment-method", null);
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        assertThat(open.json().get("checkout_url").asText()).startsWith("https://checkout.stripe.com/");
        RecordedRequest session = stub.lastRequest();
        assertThat(session.param("mode")).isEqualTo("setup");
        assertThat(session.param("customer")).isEqualTo("cus_card_test");
        assertThat(session.param("setup_intent_data[metadata][user_id]")).isEqualTo(user.toString());
        assertThat(service.asUser(user, "GET", "/api/billing/auto-topup", null).json().get("paymentMethodSaved")
                .asBoolean()).isFalse();

        JsonObject seti = new JsonObject();
        seti.addProperty("id", BillingTestKit.id("seti"));
        seti.addProperty("object", "setup_intent");
        seti.addProperty("customer", "cus_card_test");
        seti.addProperty("payment_method", "pm_saved_1");
        seti.addProperty("status", "succeeded");
        JsonObject md = new JsonObject();
        md.addProperty("user_id", user.toString());
        seti.add("metadata", md);
        assertThat(BillingTestKit.deliver(service, StripeEvents.envelope(BillingTestKit.id("evt"),
                "setup_intent.succeeded", Instant.now().getEpochSecond(), seti)).status()).isEqualTo(200);
        assertThat(paymentMethod(user)).isEqualTo("pm_saved_1");

        // A pack checkout asks Stripe to keep the card, and its payment's webhook stores it.
        Response checkout = service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        assertThat(stub.lastRequest().param("payment_intent_data[setup_future_usage]")).isEqualTo("off_session");
        JsonObject pi = paymentIntentObject(user, null, BillingTestKit.id("pi"), "succeeded");
        pi.addProperty("setup_future_usage", "off_session");
        pi.addProperty("payment_method", "pm_from_pack");
        pi.addProperty("customer", "cus_card_test");
        pi.getAsJsonObject("metadata").remove("topup_attempt_id");
        assertThat(BillingTestKit.deliver(service, StripeEvents.envelope(BillingTestKit.id("evt"),
                "payment_intent.succeeded", Instant.now().getEpochSecond(), pi)).status()).isEqualTo(200);
        assertThat(paymentMethod(user)).isEqualTo("pm_from_pack");
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'purchase'")).isZero();
    }

    @Test
    void bad_settings_are_400_naming_the_field_and_change_nothing() {
        UUID user = service.createUser("bad-topup@example.com");
        assertField(put(user, "{\"enabled\":true,\"threshold\":-1,\"packId\":\"starter\",\"monthlyLimit\":3}"),
                "threshold");
        assertField(put(user, "{\"enabled\":true,\"threshold\":100,\"packId\":\"nope\",\"monthlyLimit\":3}"),
                "packId");
        assertField(put(user, "{\"enabled\":true,\"threshold\":\"100\",\"packId\":\"starter\",\"monthlyLimit\":3}"),
                "threshold");
        assertField(put(user, "{\"enabled\":\"yes\",\"threshold\":100,\"packId\":\"starter\",\"monthlyLimit\":3}"),
                "enabled");
        assertField(put(user, "{\"enabled\":true,\"threshold\":100,\"packId\":\"starter\",\"monthlyLimit\":1.5}"),
                "monthlyLimit");
        assertField(put(user, "{\"enabled\":true,\"threshold\":100.0,\"packId\":\"starter\",\"monthlyLimit\":3}"),
                "threshold");
        assertField(put(user, "{\"enabled\":true,\"threshold\":100,\"packId\":\"starter\",\"monthlyLimit\":-1}"),
                "monthlyLimit");
        assertField(put(user, "{\"enabled\":true,\"threshold\":100,\"monthlyLimit\":3}"), "packId");
        assertField(put(user, "{\"threshold\":100,\"packId\":\"starter\",\"monthlyLimit\":3}"), "enabled");
        assertThat(service.count("auto_topup_settings WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("users WHERE id = '" + user + "' AND auto_topup_threshold IS NOT NULL")).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Response put(UUID user, String body) {
        return service.asUser(user, "PUT", "/api/billing/auto-topup", body);
    }

    private static void assertField(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
    }

    /** A user with a Stripe customer and a saved card (as the webhooks would store them). */
    private static UUID userWithCard(String email) {
        UUID user = service.createUser(email);
        String tag = user.toString().substring(0, 8);
        service.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET stripe_customer_id = :c,"
                        + " stripe_payment_method_id = :pm WHERE id = :u")
                .bind("c", "cus_" + tag).bind("pm", "pm_card_" + tag).bind("u", user).execute());
        return user;
    }

    private static void enable(UUID user, long threshold, String pack, int monthlyLimit) {
        Response r = put(user, "{\"enabled\":true,\"threshold\":" + threshold + ",\"packId\":\"" + pack
                + "\",\"monthlyLimit\":" + monthlyLimit + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("enabled").asBoolean()).isTrue();
        assertThat(r.json().get("paymentMethodSaved").asBoolean()).isTrue();
    }

    private static String call(UUID user) {
        return "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1000,"
                + "\"outputTokens\":1000}}";
    }

    private static void grant(UUID user, long amount) {
        Response r = service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":" + amount
                + ",\"category\":\"promotion\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Grants or deducts (admin API) what takes the balance to {@code target}. */
    private static void setBalance(UUID user, long target) {
        long balance = balance(user);
        if (balance < target) {
            grant(user, target - balance);
        } else if (balance > target) {
            grantDown(user, balance - target);
        }
    }

    /** Deducts {@code amount} credits at once (admin adjustment). */
    private static void grantDown(UUID user, long amount) {
        UUID admin = service.createUser("admin-" + UUID.randomUUID() + "@example.com");
        service.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET role = 'admin' WHERE id = :u")
                .bind("u", admin).execute());
        Response r = service.asUser(admin, "POST", "/api/admin/users/" + user + "/grants",
                "{\"amount\":" + -amount + ",\"note\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static JsonObject paymentIntentObject(UUID user, UUID attempt, String piId, String status) {
        JsonObject pi = new JsonObject();
        pi.addProperty("id", piId);
        pi.addProperty("object", "payment_intent");
        pi.addProperty("amount", STARTER_CENTS);
        pi.addProperty("currency", "usd");
        pi.addProperty("status", status);
        pi.addProperty("customer", "cus_" + user.toString().substring(0, 8));
        JsonObject md = new JsonObject();
        md.addProperty("user_id", user.toString());
        md.addProperty("topup_attempt_id", attempt == null ? "" : attempt.toString());
        md.addProperty("pack_id", "starter");
        md.addProperty("credits", Long.toString(STARTER_CREDITS));
        pi.add("metadata", md);
        if (!"succeeded".equals(status) && !"requires_action".equals(status)) {
            JsonObject error = new JsonObject();
            error.addProperty("code", "card_declined");
            error.addProperty("decline_code", "insufficient_funds");
            pi.add("last_payment_error", error);
        }
        return pi;
    }

    private static String paymentIntentEvent(String type, String eventId, UUID user, UUID attempt, String piId,
                                             String status) {
        return StripeEvents.envelope(eventId, type, Instant.now().getEpochSecond(),
                paymentIntentObject(user, attempt, piId, status));
    }

    private static List<RecordedRequest> awaitPaymentIntents(int n) throws InterruptedException {
        await(() -> stub.requests("POST", "/v1/payment_intents").size() >= n);
        return stub.requests("POST", "/v1/payment_intents");
    }

    private static void await(BooleanSupplier condition) {
        Eventually.eventually("the awaited top-up state", condition);
    }

    private static UUID onlyAttempt(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT id FROM topup_attempts WHERE user_id = :u")
                .bind("u", user).mapTo(UUID.class).one());
    }

    private static String status(UUID user, UUID attempt) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT status FROM topup_attempts"
                + " WHERE user_id = :u AND id = :a").bind("u", user).bind("a", attempt).mapTo(String.class).one());
    }

    private static String paymentIntentId(UUID user, UUID attempt) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT payment_intent_id FROM topup_attempts"
                + " WHERE user_id = :u AND id = :a").bind("u", user).bind("a", attempt).mapTo(String.class).one());
    }

    private static String paymentMethod(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT stripe_payment_method_id FROM users WHERE id = :u")
                .bind("u", user).mapTo(String.class).one());
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    /** The user's outbox events of {@code type}: their {@code data} as jsonb text, in sequence order. */
    private static List<String> events(UUID user, String type) {
        return service.jdbi().withHandle(h -> h.createQuery("""
                        SELECT (body::jsonb -> 'data')::text FROM event_outbox
                        WHERE subject_id = :u AND type = :t ORDER BY sequence""")
                .bind("u", user).bind("t", type).mapTo(String.class).list());
    }

    private static <T> List<T> together(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
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
