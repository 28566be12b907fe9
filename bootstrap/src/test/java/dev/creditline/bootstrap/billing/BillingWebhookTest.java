package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.WEBHOOK_SECRET;
import static dev.creditline.bootstrap.billing.BillingTestKit.deliver;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The webhook over HTTP with real-shaped, signed dahlia events (billing.md "Webhook"; lessons
 * 1, 2, 5, 13, 14, 16).
 */
@DatabaseTest
class BillingWebhookTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    /** Delivers {@code payload} {@code times} times at once; every answer must be 200. */
    private static void deliverConcurrently(String payload, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return deliver(service, payload);
                }));
            }
            go.countDown();
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("received").asBoolean()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void every_event_type_delivered_three_times_concurrently_has_one_effect() throws Exception {
        UUID user = service.createUser(id("dup") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        String session = id("cs");
        String pi = id("pi");
        long t = now();

        List<String> events = List.of(
                BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, session, user, "starter", 50_000,
                        "paid", pi, 500),
                BillingTestKit.packCheckout("checkout.session.async_payment_succeeded", id("evt"), t + 1, session, user,
                        "starter", 50_000, "paid", pi, 500),
                BillingTestKit.subscriptionCheckout(id("evt"), t + 2, id("cs"), user, customer, sub, "pro"),
                BillingTestKit.invoice("invoice.paid", id("evt"), t + 3, "in_dup_" + sub, customer, sub, PRICE_PRO,
                        "subscription_create", "paid"),
                BillingTestKit.invoice("invoice.payment_succeeded", id("evt"), t + 3, "in_dup_" + sub, customer, sub,
                        PRICE_PRO, "subscription_create", "paid"),
                BillingTestKit.subscription("customer.subscription.updated", id("evt"), t + 4, sub, customer, PRICE_PRO,
                        "active", true, t + 30 * 86_400),
                BillingTestKit.chargeRefunded(id("evt"), t + 5, id("ch"), pi, 500, 100, List.of()),
                BillingTestKit.subscription("customer.subscription.deleted", id("evt"), t + 6, sub, customer, PRICE_PRO,
                        "canceled", false, t + 30 * 86_400));
        List<Long> balances = new ArrayList<>();
        for (String event : events) {
            deliverConcurrently(event, 3);
            balances.add(balance(user));
        }
        // signup 10,000; +50,000 pack; async succeeded: same ref → nothing; sub checkout → no credits (lesson 1);
        // +100,000 invoice; payment_succeeded of the same invoice → nothing; updated → nothing;
        // refund of 100 of 500 cents → −10,000; deleted → nothing.
        assertThat(balances).containsExactly(60_000L, 60_000L, 60_000L, 160_000L, 160_000L, 160_000L, 150_000L, 150_000L);
        List<String> ids = new ArrayList<>();
        for (String event : events) {
            ids.add("'" + new com.fasterxml.jackson.databind.ObjectMapper().readTree(event).get("id").asText() + "'");
        }
        assertThat(service.count("stripe_events WHERE event_id IN (" + String.join(",", ids) + ")"))
                .isEqualTo(events.size());
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(4);
        assertThat(BillingTestKit.state(service, user)).isEqualTo("free|-|canceled|150000|150000");
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }

    @Test
    void an_unpaid_async_checkout_grants_nothing_until_async_payment_succeeded() {
        UUID user = service.createUser(id("async") + "@example.com");
        String session = id("cs");
        long t = now();
        assertThat(deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, session, user,
                "pro", 200_000, "unpaid", id("pi"), 1500)).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(10_000);
        assertThat(deliver(service, BillingTestKit.packCheckout("checkout.session.async_payment_succeeded", id("evt"),
                t + 60, session, user, "pro", 200_000, "paid", id("pi"), 1500)).status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(210_000);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'stripe_checkout_session'"
                + " AND ref_id = '" + session + "' AND reason = 'purchase'")).isEqualTo(1);
    }

    @Test
    void proration_manual_and_unpaid_invoices_grant_nothing_only_create_and_cycle_do() {
        UUID user = service.createUser(id("inv") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = now();
        for (String reason : List.of("subscription_update", "manual", "subscription_threshold", "subscription")) {
            deliver(service, BillingTestKit.invoice("invoice.paid", id("evt"), t, id("in"), customer, sub, PRICE_PRO,
                    reason, "paid"));
        }
        deliver(service, BillingTestKit.invoice("invoice.paid", id("evt"), t, id("in"), customer, sub, PRICE_PRO,
                "subscription_cycle", "open"));
        assertThat(balance(user)).isEqualTo(10_000);
        deliver(service, BillingTestKit.invoice("invoice.paid", id("evt"), t, id("in"), customer, sub, PRICE_PRO,
                "subscription_cycle", "paid"));
        assertThat(balance(user)).isEqualTo(110_000);
        // the invoice never changes the plan
        assertThat(BillingTestKit.state(service, user)).startsWith("free|-|-|");
    }

    @Test
    void a_stale_subscription_deleted_for_an_old_subscription_does_not_downgrade() {
        UUID user = service.createUser(id("stale") + "@example.com");
        String customer = id("cus");
        String oldSub = id("sub");
        String newSub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = now();
        deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, newSub, "pro"));
        assertThat(BillingTestKit.state(service, user)).startsWith("pro|" + newSub + "|active|");
        Response r = deliver(service, BillingTestKit.subscription("customer.subscription.deleted", id("evt"), t + 100,
                oldSub, customer, PRICE_PRO, "canceled", false, t));
        assertThat(r.status()).isEqualTo(200);
        assertThat(BillingTestKit.state(service, user)).startsWith("pro|" + newSub + "|active|");
        // an older update of the current subscription does not overwrite a newer one (lesson 15)
        deliver(service, BillingTestKit.subscription("customer.subscription.updated", id("evt"), t + 50, newSub, customer,
                PRICE_PRO, "past_due", false, t + 86_400));
        deliver(service, BillingTestKit.subscription("customer.subscription.updated", id("evt"), t + 40, newSub, customer,
                PRICE_PRO, "active", false, t + 86_400));
        assertThat(BillingTestKit.state(service, user)).startsWith("pro|" + newSub + "|past_due|");
    }

    @Test
    void an_unknown_price_is_recorded_as_a_problem_visible_to_admins_and_never_guessed() {
        UUID user = service.createUser(id("price") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = now();
        String eventId = id("evt");
        Response r = deliver(service, BillingTestKit.subscription("customer.subscription.updated", eventId, t, sub,
                customer, "price_nobody_knows", "active", false, t + 86_400));
        assertThat(r.status()).isEqualTo(200);
        String invoiceEvent = id("evt");
        deliver(service, BillingTestKit.invoice("invoice.paid", invoiceEvent, t, id("in"), customer, sub,
                "price_nobody_knows", "subscription_create", "paid"));
        String unknownUserEvent = id("evt");
        deliver(service, BillingTestKit.packCheckout("checkout.session.completed", unknownUserEvent, t, id("cs"),
                UUID.randomUUID(), "starter", 50_000, "paid", id("pi"), 500));
        assertThat(BillingTestKit.state(service, user)).isEqualTo("free|-|-|10000|10000");
        assertThat(service.count("stripe_events WHERE event_id = '" + eventId + "' AND outcome = 'problem'"
                + " AND problem_code = 'UNKNOWN_PRICE'")).isEqualTo(1);

        UUID admin = service.createUser("admin@example.com".replace("admin", "admin+" + id("a")));
        Response forbidden = service.asUser(user, "GET", "/api/admin/billing/events?problem=true", null);
        assertThat(forbidden.status()).isEqualTo(403);
        Response listed = service.json("GET", "/api/admin/billing/events?problem=true&limit=100", null,
                "Authorization", "Bearer " + TestService.tokenFor(admin, Map.of("role", "admin")));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> problems = new ArrayList<>();
        for (JsonNode e : listed.json().get("items")) {
            assertThat(e.get("outcome").asText()).isEqualTo("problem");
            problems.add(e.get("event_id").asText() + ":" + e.get("problem_code").asText());
        }
        assertThat(problems).contains(eventId + ":UNKNOWN_PRICE", invoiceEvent + ":UNKNOWN_PRICE",
                unknownUserEvent + ":UNKNOWN_USER");
        assertThat(service.json("GET", "/api/admin/billing/events?problem=maybe", null,
                "Authorization", "Bearer " + TestService.tokenFor(admin, Map.of("role", "admin"))).status()).isEqualTo(400);
    }

    @Test
    void refunds_claw_back_per_refund_id_or_by_cumulative_amount_once() {
        UUID user = service.createUser(id("refund") + "@example.com");
        long t = now();
        String pi = id("pi");
        String charge = id("ch");
        deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, id("cs"), user, "starter",
                50_000, "paid", pi, 500));
        assertThat(balance(user)).isEqualTo(60_000);
        // dahlia shape, no refunds.data: 100 of 500 cents → floor(50,000 × 100 / 500) = 10,000
        deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 1, charge, pi, 500, 100, List.of()));
        assertThat(balance(user)).isEqualTo(50_000);
        // a second event with the same cumulative amount (another event id) claws nothing more
        deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 2, charge, pi, 500, 100, List.of()));
        assertThat(balance(user)).isEqualTo(50_000);
        // with refunds.data: the new refund re_2 of 150 → 15,000; the old one (already covered) is skipped
        deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 3, charge, pi, 500, 250,
                List.of(Map.entry("re_2_" + charge, 150L), Map.entry("re_1_" + charge, 100L))));
        assertThat(balance(user)).isEqualTo(35_000);
        assertThat(BillingTestKit.ledger(service, user)).containsExactly(
                "purchase:50000:stripe_checkout_session", "refund_clawback:-10000:stripe_refund",
                "refund_clawback:-15000:stripe_refund", "signup_bonus:10000:signup_bonus");
        // a charge that is not a pack payment is ignored
        Response other = deliver(service, BillingTestKit.chargeRefunded(id("evt"), t, id("ch"), id("pi"), 2000, 2000,
                List.of()));
        assertThat(other.status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(35_000);
    }

    @Test
    void a_refund_clawback_is_capped_at_the_balance() {
        UUID user = service.createUser(id("cap") + "@example.com");
        long t = now();
        String pi = id("pi");
        deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, id("cs"), user, "starter",
                50_000, "paid", pi, 500));
        service.jdbi().useHandle(h -> h.execute("""
                INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
                VALUES (?, -55000, 5000, 'usage', 'manual', 'spent', now())""", user));
        service.jdbi().useHandle(h -> h.execute("UPDATE users SET credits_balance = 5000 WHERE id = ?", user));
        deliver(service, BillingTestKit.chargeRefunded(id("evt"), t + 1, id("ch"), pi, 500, 500, List.of()));
        assertThat(balance(user)).isZero();
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }

    @Test
    void tampered_wrong_secret_stale_future_and_missing_signatures_are_400_and_write_nothing() {
        UUID user = service.createUser(id("sig") + "@example.com");
        String payload = BillingTestKit.packCheckout("checkout.session.completed", id("evt"), now(), id("cs"), user,
                "starter", 50_000, "paid", id("pi"), 500);
        long events = service.count("stripe_events");
        long entries = service.count("credit_ledger");
        long t = now();
        String good = StripeEvents.signatureHeader(payload, WEBHOOK_SECRET, t);
        String tampered = payload.replace("\"50000\"", "\"5000000\"");
        assertThat(tampered).isNotEqualTo(payload);
        List<Response> refused = List.of(
                deliver(service, tampered, good),
                deliver(service, payload, StripeEvents.signatureHeader(payload, "whsec_wrong_secret", t)),
                deliver(service, payload, StripeEvents.signatureHeader(payload, WEBHOOK_SECRET, t - 310)),
                deliver(service, payload, StripeEvents.signatureHeader(payload, WEBHOOK_SECRET, t + 310)),
                deliver(service, payload, "t=" + t + ",v1=deadbeef"),
                deliver(service, payload, "garbage"),
                deliver(service, payload, null));
        for (Response r : refused) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        }
        assertThat(refused.get(2).json().get("reason").asText()).isEqualTo("STALE_TIMESTAMP");
        assertThat(refused.get(3).json().get("reason").asText()).isEqualTo("FUTURE_TIMESTAMP");
        assertThat(refused.get(6).json().get("reason").asText()).isEqualTo("MISSING_HEADER");
        assertThat(service.count("stripe_events")).isEqualTo(events);
        assertThat(service.count("credit_ledger")).isEqualTo(entries);
        assertThat(balance(user)).isEqualTo(10_000);
        // within the tolerance both ways it is accepted
        assertThat(deliver(service, payload, StripeEvents.signatureHeader(payload, WEBHOOK_SECRET, t - 250)).status())
                .isEqualTo(200);
        assertThat(balance(user)).isEqualTo(60_000);
    }

    @Test
    void a_malformed_object_is_recorded_as_a_problem_and_answered_200() {
        String eventId = id("evt");
        String payload = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + StripeEvents.API_VERSION
                + "\",\"created\":" + now() + ",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
                + "{\"object\":\"checkout.session\",\"id\":\"cs_x\",\"amount_total\":\"lots\"}}}";
        Response r = deliver(service, payload);
        assertThat(r.status()).isEqualTo(200);
        assertThat(service.count("stripe_events WHERE event_id = '" + eventId + "' AND problem_code = 'MALFORMED_STRIPE_EVENT'"))
                .isEqualTo(1);
        assertThat(deliver(service, payload).status()).isEqualTo(200);
        assertThat(service.count("stripe_events WHERE event_id = '" + eventId + "'")).isEqualTo(1);
    }
}
