package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PLUS;
import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The subscription lifecycle delivered in every order Stripe can produce ends exactly as the
 * in-order delivery (billing.md "Events may arrive in any order"; lessons 1, 14, 15): checkout
 * completed, invoice paid (create), invoice paid (cycle), updated (price → plus), updated
 * (past_due), deleted. Each order runs for a fresh user, customer and subscription.
 */
@DatabaseTest
class SubscriptionLifecycleOrderTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    /** The six events of one user's subscription, in Stripe's order (event.created ascending). */
    private static List<String> lifecycle(UUID user, String customer, String sub, long t) {
        long periodEnd = t + 30 * 86_400;
        return List.of(
                BillingTestKit.subscriptionCheckout(BillingTestKit.id("evt"), t, BillingTestKit.id("cs"), user, customer,
                        sub, "pro"),
                BillingTestKit.invoice("invoice.paid", BillingTestKit.id("evt"), t + 1, "in_create_" + sub, customer, sub,
                        PRICE_PRO, "subscription_create", "paid"),
                BillingTestKit.invoice("invoice.paid", BillingTestKit.id("evt"), t + 10, "in_cycle_" + sub, customer, sub,
                        PRICE_PRO, "subscription_cycle", "paid"),
                BillingTestKit.subscription("customer.subscription.updated", BillingTestKit.id("evt"), t + 20, sub,
                        customer, PRICE_PLUS, "active", false, periodEnd),
                BillingTestKit.subscription("customer.subscription.updated", BillingTestKit.id("evt"), t + 30, sub,
                        customer, PRICE_PLUS, "past_due", false, periodEnd),
                BillingTestKit.subscription("customer.subscription.deleted", BillingTestKit.id("evt"), t + 40, sub,
                        customer, PRICE_PLUS, "canceled", false, periodEnd));
    }

    private record Outcome(String state, List<String> ledger) {
    }

    /** Delivers {@code events[order[i]]} one after another for a fresh user and returns the end state. */
    private static Outcome run(int[] order, int eventCount) {
        UUID user = service.createUser(BillingTestKit.id("order") + "@example.com");
        String customer = BillingTestKit.id("cus");
        String sub = BillingTestKit.id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        List<String> events = lifecycle(user, customer, sub, Instant.now().getEpochSecond() - 100).subList(0, eventCount);
        for (int i : order) {
            Response r = BillingTestKit.deliver(service, events.get(i));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        String state = BillingTestKit.state(service, user).replace(sub, "SUB");
        return new Outcome(state, BillingTestKit.ledger(service, user));
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] current, boolean[] used, int depth, List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int i = 0; i < current.length; i++) {
            if (!used[i]) {
                used[i] = true;
                current[depth] = i;
                permute(current, used, depth + 1, out);
                used[i] = false;
            }
        }
    }

    private static Map<String, Outcome> runAll(List<int[]> orders, int eventCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int[] order : orders) {
                futures.add(pool.submit(() -> outcomes.put(java.util.Arrays.toString(order), run(order, eventCount))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    @Test
    void all_720_orders_of_the_whole_lifecycle_end_as_the_in_order_delivery() throws Exception {
        Outcome inOrder = run(new int[] {0, 1, 2, 3, 4, 5}, 6);
        assertThat(inOrder.state()).isEqualTo("free|-|canceled|210000|210000");
        assertThat(inOrder.ledger()).containsExactly("monthly_allowance:100000:stripe_invoice",
                "monthly_allowance:100000:stripe_invoice", "signup_bonus:10000:signup_bonus");
        Map<String, Outcome> outcomes = runAll(permutations(6), 6);
        assertThat(outcomes).hasSize(720);
        Map<String, Outcome> different = new java.util.TreeMap<>();
        outcomes.forEach((order, outcome) -> {
            if (!outcome.equals(inOrder)) {
                different.put(order, outcome);
            }
        });
        assertThat(different).as("orders ending differently from in-order delivery").isEmpty();
        assertThat(BillingTestKit.ledgerConsistent(service)).isTrue();
    }

    @Test
    void all_120_orders_before_deletion_end_on_the_newest_state() throws Exception {
        Outcome inOrder = run(new int[] {0, 1, 2, 3, 4}, 5);
        assertThat(inOrder.state()).isEqualTo("plus|SUB|past_due|210000|210000");
        Map<String, Outcome> outcomes = runAll(permutations(5), 5);
        assertThat(outcomes).hasSize(120);
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isEqualTo(inOrder));
    }

    @Test
    void the_deleted_subscription_restarts_the_free_allowance_anchor() {
        Function<UUID, Instant> anchor = u -> service.jdbi().withHandle(h -> h.createQuery(
                "SELECT monthly_credits_granted_at FROM users WHERE id = :u").bind("u", u).mapTo(Instant.class).one());
        UUID user = service.createUser(BillingTestKit.id("anchor") + "@example.com");
        String customer = BillingTestKit.id("cus");
        String sub = BillingTestKit.id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        Instant before = anchor.apply(user);
        List<String> events = lifecycle(user, customer, sub, Instant.now().getEpochSecond() - 100);
        BillingTestKit.deliver(service, events.get(0));
        assertThat(anchor.apply(user)).isEqualTo(before);
        Instant deletedAt = Instant.now();
        BillingTestKit.deliver(service, events.get(5));
        assertThat(anchor.apply(user)).isAfter(before).isAfterOrEqualTo(deletedAt.minusSeconds(1));
        assertThat(BillingTestKit.state(service, user)).startsWith("free|-|canceled|");
    }
}
