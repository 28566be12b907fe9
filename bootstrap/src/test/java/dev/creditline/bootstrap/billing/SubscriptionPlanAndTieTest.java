package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PLUS;
import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Which plan a subscription is on and which state wins: the allowance's plan comes from the
 * invoice's recurring subscription lines only; a new subscription's plan from its price (a
 * disagreeing {@code metadata.plan} is a problem on the event); events of the same second
 * converge in every arrival order (the more advanced status wins a tie).
 */
@DatabaseTest
class SubscriptionPlanAndTieTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    private static String withMetadataPlan(String event, String plan) {
        JsonObject root = JsonParser.parseString(event).getAsJsonObject();
        JsonObject md = new JsonObject();
        md.addProperty("plan", plan);
        root.getAsJsonObject("data").getAsJsonObject("object").add("metadata", md);
        return root.toString();
    }

    private static String eventId(String event) {
        return JsonParser.parseString(event).getAsJsonObject().get("id").getAsString();
    }

    private static String problemOf(String event) {
        return service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT coalesce(problem_code, outcome) FROM stripe_events WHERE event_id = :e")
                .bind("e", eventId(event)).mapTo(String.class).one());
    }

    @Test
    void the_allowance_plan_comes_from_the_recurring_subscription_line_not_proration_or_one_off_items() {
        UUID user = service.createUser(id("lines") + "@example.com");
        String customer = id("cus");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond();
        for (String reason : List.of("subscription_create", "subscription_cycle")) {
            BillingTestKit.deliver(service, BillingTestKit.invoiceWithLines(id("evt"), t, id("in"), customer, id("sub"),
                    reason, List.of(PRICE_PRO + ":item", PRICE_PRO + ":proration", PRICE_PLUS + ":recurring"), null, 0));
        }
        assertThat(BillingTestKit.ledger(service, user)).containsExactly("monthly_allowance:250000:stripe_invoice",
                "monthly_allowance:250000:stripe_invoice", "signup_bonus:10000:signup_bonus");
    }

    @Test
    void recurring_lines_naming_two_plans_grant_nothing_and_are_a_problem() {
        UUID user = service.createUser(id("twoplans") + "@example.com");
        String customer = id("cus");
        BillingTestKit.setCustomer(service, user, customer);
        String event = BillingTestKit.invoiceWithLines(id("evt"), Instant.now().getEpochSecond(), id("in"), customer,
                id("sub"), "subscription_cycle", List.of(PRICE_PRO + ":recurring", PRICE_PLUS + ":recurring"), null, 0);
        assertThat(BillingTestKit.deliver(service, event).status()).isEqualTo(200);
        assertThat(problemOf(event)).isEqualTo("AMBIGUOUS_PLAN");
        assertThat(BillingTestKit.ledger(service, user)).containsExactly("signup_bonus:10000:signup_bonus");
    }

    @Test
    void a_new_subscriptions_plan_comes_from_its_price_and_a_disagreeing_metadata_plan_is_a_problem() {
        for (boolean completionFirst : List.of(true, false)) {
            for (long gap : List.of(0L, 1L)) {
                UUID user = service.createUser(id("price") + "@example.com");
                String customer = id("cus");
                String sub = id("sub");
                BillingTestKit.setCustomer(service, user, customer);
                long t = Instant.now().getEpochSecond() - 10;
                String completion = BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, sub,
                        "pro");
                String created = withMetadataPlan(BillingTestKit.subscription("customer.subscription.created",
                        id("evt"), t + gap, sub, customer, PRICE_PLUS, "active", false, t + 30 * 86_400), "pro");
                for (String e : completionFirst ? List.of(completion, created) : List.of(created, completion)) {
                    Response r = BillingTestKit.deliver(service, e);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                }
                assertThat(BillingTestKit.state(service, user)).as("completion first %s, gap %d", completionFirst, gap)
                        .isEqualTo("plus|" + sub + "|active|10000|10000");
                assertThat(problemOf(created)).isEqualTo("PLAN_MISMATCH");
            }
        }
    }

    @Test
    void subscription_events_of_the_same_second_converge_in_every_order() throws Exception {
        // created (incomplete), checkout completed (active), updated (active), first invoice: all in one second
        record Run(String state) {
        }
        java.util.function.Function<int[], Run> run = order -> {
            UUID user = service.createUser(id("tie") + "@example.com");
            String customer = id("cus");
            String sub = id("sub");
            BillingTestKit.setCustomer(service, user, customer);
            long t = Instant.now().getEpochSecond() - 10;
            long periodEnd = t + 30 * 86_400;
            List<String> events = List.of(
                    BillingTestKit.subscription("customer.subscription.created", id("evt"), t, sub, customer, PRICE_PRO,
                            "incomplete", false, periodEnd),
                    BillingTestKit.subscriptionCheckout(id("evt"), t, id("cs"), user, customer, sub, "pro"),
                    BillingTestKit.subscription("customer.subscription.updated", id("evt"), t, sub, customer, PRICE_PRO,
                            "active", false, periodEnd),
                    BillingTestKit.invoice("invoice.paid", id("evt"), t, id("in"), customer, sub, PRICE_PRO,
                            "subscription_create", "paid"));
            for (int i : order) {
                Response r = BillingTestKit.deliver(service, events.get(i));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            return new Run(BillingTestKit.state(service, user).replace(sub, "SUB"));
        };
        Run expected = new Run("pro|SUB|active|110000|110000");
        assertThat(run.apply(new int[] {0, 1, 2, 3})).isEqualTo(expected);
        assertThat(BillingTestKit.ordersDiffering(BillingTestKit.permutations(4), run, expected)).isEmpty();
    }

    @Test
    void after_a_same_second_incomplete_event_the_user_is_subscribed_so_subscribe_is_refused_and_cancel_works() {
        UUID user = service.createUser(id("tie2") + "@example.com");
        String customer = id("cus");
        String sub = id("sub");
        BillingTestKit.setCustomer(service, user, customer);
        long t = Instant.now().getEpochSecond() - 10;
        BillingTestKit.deliver(service, BillingTestKit.subscription("customer.subscription.updated", id("evt"), t, sub,
                customer, PRICE_PRO, "active", false, t + 30 * 86_400));
        BillingTestKit.deliver(service, BillingTestKit.subscription("customer.subscription.created", id("evt"), t, sub,
                customer, PRICE_PRO, "incomplete", false, t + 30 * 86_400));
        assertThat(BillingTestKit.state(service, user)).isEqualTo("pro|" + sub + "|active|10000|10000");
        assertThat(service.asUser(user, "POST", "/api/billing/subscribe", null).status()).isEqualTo(409);
        Response cancel = service.asUser(user, "POST", "/api/billing/cancel", null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    }
}
