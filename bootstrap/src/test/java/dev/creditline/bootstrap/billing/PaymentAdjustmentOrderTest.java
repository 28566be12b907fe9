package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Refunds and disputes delivered in any order relative to the payment they concern, and to each
 * other, end in the balance and ledger of the in-order delivery (billing.md "Events may arrive in
 * any order"): a refund or dispute that arrives before its purchase is kept and applied when the
 * purchase is granted; disputes claw back like a full refund of the disputed amount and a won
 * dispute gives the credits back once; a refunded subscription invoice claws back its allowance
 * in proportion.
 */
@DatabaseTest
class PaymentAdjustmentOrderTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private record Outcome(long balance, List<String> ledger, long problems) {
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static Outcome deliverInOrder(UUID user, List<String> events, int[] order) {
        for (int i : order) {
            Response r = BillingTestKit.deliver(service, events.get(i));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        List<String> eventIds = events.stream().map(e -> e.replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1")).toList();
        long problems = service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM stripe_events WHERE outcome = 'problem' AND event_id = ANY(:ids)")
                .bind("ids", eventIds.toArray(new String[0])).mapTo(Long.class).one());
        return new Outcome(balance(user), BillingTestKit.ledger(service, user), problems);
    }

    /** Pack: completion, refund (re_1), refund (re_1 + re_2), dispute created (rest), dispute won. */
    private static Outcome packWithRefundsAndWonDispute(int[] order) {
        UUID user = service.createUser(id("adj") + "@example.com");
        long t = Instant.now().getEpochSecond() - 100;
        String pi = id("pi");
        String ch = id("ch");
        String dp = id("dp");
        List<String> events = List.of(
                BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, id("cs"), user, "starter",
                        50_000, "paid", pi, 500),
                BillingTestKit.chargeRefunded(id("evt"), t + 1, ch, pi, 500, 100, List.of(Map.entry("re_1" + ch, 100L))),
                BillingTestKit.chargeRefunded(id("evt"), t + 2, ch, pi, 500, 250,
                        List.of(Map.entry("re_2" + ch, 150L), Map.entry("re_1" + ch, 100L))),
                BillingTestKit.dispute("charge.dispute.created", id("evt"), t + 3, dp, ch, pi, 250, "needs_response"),
                BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 4, dp, ch, pi, 250, "won"));
        return deliverInOrder(user, events, order);
    }

    /** Async pack: completion (unpaid), async success, cumulative refund (no list), dispute created, dispute lost. */
    private static Outcome asyncPackWithCumulativeRefundAndLostDispute(int[] order) {
        UUID user = service.createUser(id("adj") + "@example.com");
        long t = Instant.now().getEpochSecond() - 100;
        String pi = id("pi");
        String ch = id("ch");
        String cs = id("cs");
        String dp = id("dp");
        List<String> events = List.of(
                BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, cs, user, "starter", 50_000,
                        "unpaid", pi, 500),
                BillingTestKit.packCheckout("checkout.session.async_payment_succeeded", id("evt"), t + 1, cs, user,
                        "starter", 50_000, "paid", pi, 500),
                BillingTestKit.chargeRefunded(id("evt"), t + 2, ch, pi, 500, 200, List.of()),
                BillingTestKit.dispute("charge.dispute.created", id("evt"), t + 3, dp, ch, pi, 300, "needs_response"),
                BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 4, dp, ch, pi, 300, "lost"));
        return deliverInOrder(user, events, order);
    }

    /** Subscription invoice (allowance 100,000 for 2,000 cents): refund of 500, dispute of 1,500 created and won. */
    private static Outcome subscriptionInvoiceRefundedAndDisputed(int[] order) {
        UUID user = service.createUser(id("adj") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond() - 100;
        String pi = id("pi");
        String ch = id("ch");
        String dp = id("dp");
        List<String> events = List.of(
                BillingTestKit.invoiceWithLines(id("evt"), t, id("in"), customer, sub, "subscription_create",
                        List.of(BillingTestKit.PRICE_PRO + ":recurring"), pi, 2000),
                BillingTestKit.chargeRefunded(id("evt"), t + 1, ch, pi, 2000, 500, List.of(Map.entry("re_" + ch, 500L))),
                BillingTestKit.dispute("charge.dispute.created", id("evt"), t + 2, dp, ch, pi, 1500, "needs_response"),
                BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 3, dp, ch, pi, 1500, "won"));
        return deliverInOrder(user, events, order);
    }

    private static void everyOrderEndsAsInOrder(int events, Function<int[], Outcome> run, Outcome expected)
            throws Exception {
        int[] inOrder = new int[events];
        for (int i = 0; i < events; i++) {
            inOrder[i] = i;
        }
        assertThat(run.apply(inOrder)).isEqualTo(expected);
        List<int[]> orders = BillingTestKit.permutations(events);
        assertThat(BillingTestKit.ordersDiffering(orders, run, expected))
                .as("orders ending differently from the in-order delivery").isEmpty();
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }

    @Test
    void a_refund_delivered_before_its_purchase_is_clawed_back_when_the_purchase_arrives() {
        UUID user = service.createUser(id("early") + "@example.com");
        long t = Instant.now().getEpochSecond();
        String pi = id("pi");
        Response refund = BillingTestKit.deliver(service,
                BillingTestKit.chargeRefunded(id("evt"), t, id("ch"), pi, 500, 500, List.of()));
        assertThat(refund.status()).isEqualTo(200);
        assertThat(balance(user)).isEqualTo(10_000);
        BillingTestKit.deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t,
                id("cs"), user, "starter", 50_000, "paid", pi, 500));
        assertThat(balance(user)).isEqualTo(10_000);
        assertThat(BillingTestKit.ledger(service, user)).containsExactly("purchase:50000:stripe_checkout_session",
                "refund_clawback:-50000:stripe_refund", "signup_bonus:10000:signup_bonus");
        assertThat(service.count("stripe_events WHERE outcome = 'problem' AND problem_code = 'UNKNOWN_PURCHASE'"))
                .isZero();
    }

    @Test
    void every_order_of_purchase_refunds_and_a_won_dispute_ends_as_the_in_order_delivery() throws Exception {
        // 50,000 + 10,000 bonus; re_1 100/500 → −10,000; re_2 150/500 → −15,000; dispute 250/500 → −25,000;
        // won → +25,000 (the credits the dispute took, once)
        everyOrderEndsAsInOrder(5, PaymentAdjustmentOrderTest::packWithRefundsAndWonDispute, new Outcome(35_000,
                List.of("purchase:50000:stripe_checkout_session", "refund_clawback:-10000:stripe_refund",
                        "refund_clawback:-15000:stripe_refund", "refund_clawback:-25000:stripe_refund",
                        "refund_clawback:25000:stripe_refund", "signup_bonus:10000:signup_bonus"), 0));
    }

    @Test
    void every_order_of_an_async_purchase_a_refund_and_a_lost_dispute_ends_as_the_in_order_delivery()
            throws Exception {
        // refund 200/500 → −20,000; dispute 300/500 → −30,000; lost → stays
        everyOrderEndsAsInOrder(5, PaymentAdjustmentOrderTest::asyncPackWithCumulativeRefundAndLostDispute,
                new Outcome(10_000, List.of("purchase:50000:stripe_checkout_session",
                        "refund_clawback:-20000:stripe_refund", "refund_clawback:-30000:stripe_refund",
                        "signup_bonus:10000:signup_bonus"), 0));
    }

    @Test
    void a_refunded_or_disputed_subscription_invoice_claws_back_its_allowance_in_proportion_in_every_order()
            throws Exception {
        // allowance 100,000 for 2,000 cents: refund 500 → −25,000; dispute 1,500 → −75,000; won → +75,000
        everyOrderEndsAsInOrder(4, PaymentAdjustmentOrderTest::subscriptionInvoiceRefundedAndDisputed,
                new Outcome(85_000, List.of("monthly_allowance:100000:stripe_invoice",
                        "refund_clawback:-25000:stripe_refund", "refund_clawback:-75000:stripe_refund",
                        "refund_clawback:75000:stripe_refund", "signup_bonus:10000:signup_bonus"), 0));
    }

    @Test
    void a_dispute_claws_back_what_the_balance_covers_and_a_won_dispute_gives_back_only_that() {
        UUID user = service.createUser(id("dispcap") + "@example.com");
        long t = Instant.now().getEpochSecond();
        String pi = id("pi");
        String ch = id("ch");
        String dp = id("dp");
        BillingTestKit.deliver(service, BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t,
                id("cs"), user, "starter", 50_000, "paid", pi, 500));
        service.jdbi().useHandle(h -> h.execute("""
                INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
                VALUES (?, -55000, 5000, 'usage', 'manual', 'spent', now())""", user));
        service.jdbi().useHandle(h -> h.execute("UPDATE users SET credits_balance = 5000 WHERE id = ?", user));
        BillingTestKit.deliver(service, BillingTestKit.dispute("charge.dispute.created", id("evt"), t + 1, dp, ch, pi,
                500, "needs_response"));
        assertThat(balance(user)).isZero();
        BillingTestKit.deliver(service, BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 2, dp, ch, pi,
                500, "won"));
        assertThat(balance(user)).isEqualTo(5_000);
        // a redelivered close (another event id) gives nothing more
        BillingTestKit.deliver(service, BillingTestKit.dispute("charge.dispute.closed", id("evt"), t + 3, dp, ch, pi,
                500, "won"));
        assertThat(balance(user)).isEqualTo(5_000);
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }

    @Test
    void a_refund_and_its_purchase_delivered_at_the_same_time_are_both_applied() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<UUID> users = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UUID user = service.createUser(id("race") + "@example.com");
                users.add(user);
                long t = Instant.now().getEpochSecond();
                String pi = id("pi");
                String purchase = BillingTestKit.packCheckout("checkout.session.completed", id("evt"), t, id("cs"),
                        user, "starter", 50_000, "paid", pi, 500);
                String refund = BillingTestKit.chargeRefunded(id("evt"), t, id("ch"), pi, 500, 200, List.of());
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                for (String e : List.of(purchase, refund)) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return BillingTestKit.deliver(service, e);
                    }));
                }
                go.countDown();
            }
            for (var f : answers) {
                assertThat(f.get().status()).isEqualTo(200);
            }
            // 10,000 bonus + 50,000 − floor(50,000 × 200 / 500) = 40,000
            assertThat(users).allSatisfy(u -> assertThat(balance(u)).isEqualTo(40_000));
        } finally {
            pool.shutdownNow();
        }
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }
}
