package dev.creditline.bootstrap.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeFixtures;
import dev.creditline.stripe.testing.StripeStub;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared setup of the billing integration tests: a service wired to a {@link StripeStub}, with
 * a second paid plan {@code plus} added by configuration only, and builders of real-shaped
 * webhook events (Stripe's dahlia fixtures wrapped in an envelope, signed with stripe-java).
 */
final class BillingTestKit {

    static final String WEBHOOK_SECRET = "whsec_test_billing_0123456789";
    static final String PRICE_PRO = "price_pro_monthly_test";
    static final String PRICE_PLUS = "price_plus_monthly_test";
    static final String PRICE_STARTER = "price_pack_starter_test";
    static final String PRICE_PACK_PRO = "price_pack_pro_test";

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    private BillingTestKit() {
    }

    /** The billing environment pointing Stripe at {@code stub}. */
    static Map<String, String> env(StripeStub stub) {
        Map<String, String> env = new HashMap<>();
        env.put("STRIPE_SECRET_KEY", "sk_test_billing_kit");
        env.put("STRIPE_API_BASE", stub.baseUrl());
        env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("STRIPE_PRICE_PRO_MONTHLY", PRICE_PRO);
        env.put("PLAN_PLUS_CREDITS", "250000");
        env.put("PLAN_PLUS_PRICE", PRICE_PLUS);
        env.put("STRIPE_PRICE_PACK_STARTER", PRICE_STARTER);
        env.put("STRIPE_PRICE_PACK_PRO", PRICE_PACK_PRO);
        env.put("FRONTEND_URL", "https://app.example.com/");
        env.put("ADMIN_EMAILS", "admin@example.com");
        return env;
    }

    static String id(String prefix) {
        return prefix + "_test" + SEQ.incrementAndGet();
    }

    // ---- delivery ------------------------------------------------------------------------------

    /** POSTs {@code payload} to the webhook signed now with the test secret. */
    static Response deliver(TestService service, String payload) {
        return deliver(service, payload, StripeEvents.signatureHeader(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond()));
    }

    /** POSTs {@code payload} with the given {@code Stripe-Signature} (null: no header). */
    static Response deliver(TestService service, String payload, String signature) {
        HttpRequest.Builder b = service.request("/api/billing/webhook")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            b.header("Stripe-Signature", signature);
        }
        return service.send(b.build());
    }

    // ---- events --------------------------------------------------------------------------------

    /** {@code checkout.session.completed} (or another checkout type) for a credit pack. */
    static String packCheckout(String type, String eventId, long created, String sessionId, UUID userId, String packId,
                               long credits, String paymentStatus, String paymentIntent, long amountTotal) {
        JsonObject s = StripeFixtures.checkoutSession();
        s.addProperty("id", sessionId);
        s.addProperty("mode", "payment");
        s.addProperty("status", "complete");
        s.addProperty("payment_status", paymentStatus);
        s.addProperty("client_reference_id", userId.toString());
        s.addProperty("payment_intent", paymentIntent);
        s.addProperty("amount_total", amountTotal);
        s.add("subscription", JsonNull.INSTANCE);
        JsonObject md = new JsonObject();
        md.addProperty("credits", String.valueOf(credits));
        md.addProperty("pack_id", packId);
        md.addProperty("user_id", userId.toString());
        s.add("metadata", md);
        return StripeEvents.envelope(eventId, type, created, s);
    }

    /** {@code checkout.session.completed} for a subscription. */
    static String subscriptionCheckout(String eventId, long created, String sessionId, UUID userId, String customer,
                                       String subscription, String plan) {
        JsonObject s = StripeFixtures.checkoutSession();
        s.addProperty("id", sessionId);
        s.addProperty("mode", "subscription");
        s.addProperty("status", "complete");
        s.addProperty("payment_status", "paid");
        s.addProperty("client_reference_id", userId.toString());
        s.addProperty("customer", customer);
        s.addProperty("subscription", subscription);
        s.add("payment_intent", JsonNull.INSTANCE);
        JsonObject md = new JsonObject();
        md.addProperty("plan", plan);
        md.addProperty("user_id", userId.toString());
        md.addProperty("checkout_attempt_id", UUID.randomUUID().toString());
        s.add("metadata", md);
        return StripeEvents.envelope(eventId, "checkout.session.completed", created, s);
    }

    /** {@code invoice.paid} / {@code invoice.payment_succeeded} / {@code invoice.payment_failed}. */
    static String invoice(String type, String eventId, long created, String invoiceId, String customer,
                          String subscription, String priceId, String billingReason, String status) {
        JsonObject inv = StripeFixtures.invoice();
        inv.addProperty("id", invoiceId);
        inv.addProperty("customer", customer);
        inv.addProperty("billing_reason", billingReason);
        inv.addProperty("status", status);
        JsonObject parent = new JsonObject();
        parent.add("quote_details", JsonNull.INSTANCE);
        JsonObject details = new JsonObject();
        details.add("metadata", JsonNull.INSTANCE);
        details.addProperty("subscription", subscription);
        parent.add("subscription_details", details);
        parent.addProperty("type", "subscription_details");
        inv.add("parent", parent);
        JsonObject line = inv.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
        line.addProperty("invoice", invoiceId);
        JsonObject pricing = new JsonObject();
        pricing.addProperty("type", "price_details");
        JsonObject priceDetails = new JsonObject();
        priceDetails.addProperty("price", priceId);
        priceDetails.addProperty("product", "prod_test");
        pricing.add("price_details", priceDetails);
        pricing.add("unit_amount_decimal", JsonNull.INSTANCE);
        line.add("pricing", pricing);
        JsonObject lineParent = line.getAsJsonObject("parent");
        lineParent.getAsJsonObject("subscription_item_details").addProperty("subscription", subscription);
        lineParent.getAsJsonObject("subscription_item_details").addProperty("proration",
                "subscription_update".equals(billingReason));
        lineParent.addProperty("type", "subscription_item_details");
        return StripeEvents.envelope(eventId, type, created, inv);
    }

    /** {@code customer.subscription.updated} / {@code .created} / {@code .deleted}. */
    static String subscription(String type, String eventId, long created, String subscription, String customer,
                               String priceId, String status, boolean cancelAtPeriodEnd, long periodEnd) {
        JsonObject sub = StripeFixtures.subscription();
        sub.addProperty("id", subscription);
        sub.addProperty("customer", customer);
        sub.addProperty("status", status);
        sub.addProperty("cancel_at_period_end", cancelAtPeriodEnd);
        if (cancelAtPeriodEnd) {
            sub.addProperty("cancel_at", periodEnd);
        } else {
            sub.add("cancel_at", JsonNull.INSTANCE);
        }
        sub.add("metadata", new JsonObject());
        JsonObject item = sub.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
        item.getAsJsonObject("price").addProperty("id", priceId);
        item.getAsJsonObject("plan").addProperty("id", priceId);
        item.addProperty("subscription", subscription);
        item.addProperty("current_period_start", periodEnd - 30 * 86_400);
        item.addProperty("current_period_end", periodEnd);
        return StripeEvents.envelope(eventId, type, created, sub);
    }

    /**
     * {@code charge.refunded} for a pack payment.
     *
     * @param refunds refund id and amount pairs to list under {@code refunds.data} (newest first);
     *                empty: omit the list as dahlia payloads do
     */
    static String chargeRefunded(String eventId, long created, String chargeId, String paymentIntent, long amount,
                                 long amountRefunded, List<Map.Entry<String, Long>> refunds) {
        JsonObject ch = StripeFixtures.charge();
        ch.addProperty("id", chargeId);
        ch.addProperty("payment_intent", paymentIntent);
        ch.addProperty("amount", amount);
        ch.addProperty("amount_captured", amount);
        ch.addProperty("amount_refunded", amountRefunded);
        ch.addProperty("refunded", amountRefunded >= amount);
        if (refunds.isEmpty()) {
            ch.remove("refunds");
        } else {
            JsonArray data = new JsonArray();
            for (Map.Entry<String, Long> r : refunds) {
                JsonObject refund = StripeFixtures.refund();
                refund.addProperty("id", r.getKey());
                refund.addProperty("amount", r.getValue());
                refund.addProperty("charge", chargeId);
                refund.addProperty("payment_intent", paymentIntent);
                data.add(refund);
            }
            ch.getAsJsonObject("refunds").add("data", data);
        }
        return StripeEvents.envelope(eventId, "charge.refunded", created, ch);
    }

    // ---- state ---------------------------------------------------------------------------------

    /** Gives a user a Stripe customer id directly (as POST /subscribe would). */
    static void setCustomer(TestService service, UUID userId, String customer) {
        service.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET stripe_customer_id = :c WHERE id = :u")
                .bind("c", customer).bind("u", userId).execute());
    }

    /** {@code plan|subscription id|status|balance|ledger sum}, the end state compared across orders. */
    static String state(TestService service, UUID userId) {
        return service.jdbi().withHandle(h -> h.createQuery("""
                        SELECT u.plan || '|' || coalesce(u.stripe_subscription_id, '-') || '|'
                               || coalesce(u.subscription_status, '-') || '|' || u.credits_balance || '|'
                               || (SELECT coalesce(sum(delta), 0) FROM credit_ledger l WHERE l.user_id = u.id)
                        FROM users u WHERE u.id = :u""").bind("u", userId).mapTo(String.class).one());
    }

    /** The user's ledger as {@code reason:delta:ref_type} lines, sorted (order-independent). */
    static List<String> ledger(TestService service, UUID userId) {
        return service.jdbi().withHandle(h -> h.createQuery("""
                        SELECT reason || ':' || delta || ':' || ref_type FROM credit_ledger WHERE user_id = :u
                        ORDER BY 1""").bind("u", userId).mapTo(String.class).list());
    }

    /** True when every user's balance equals the sum of their ledger and each balance_after is the running sum. */
    static boolean ledgerConsistent(TestService service) {
        return service.jdbi().withHandle(h -> h.createQuery("""
                        SELECT NOT EXISTS (
                            SELECT 1 FROM users u
                            WHERE u.credits_balance <> (SELECT coalesce(sum(delta), 0) FROM credit_ledger l WHERE l.user_id = u.id))
                        AND NOT EXISTS (
                            SELECT 1 FROM (SELECT balance_after, sum(delta) OVER (PARTITION BY user_id ORDER BY id) AS running
                                           FROM credit_ledger) x WHERE x.balance_after <> x.running)""")
                .mapTo(Boolean.class).one());
    }
}
