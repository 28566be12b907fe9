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

    /** POSTs {@code payload} to the webhook signed at the service clock's "now" with the test secret. */
    static Response deliver(TestService service, String payload) {
        return deliver(service, payload, StripeEvents.signatureHeader(payload, WEBHOOK_SECRET,
                service.clock().instant().getEpochSecond()));
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

    /** {@code charge.dispute.created} / {@code .closed} of a payment intent, from Stripe's dispute fixture. */
    static String dispute(String type, String eventId, long created, String disputeId, String chargeId,
                          String paymentIntent, long amount, String status) {
        JsonObject d = StripeFixtures.load("dispute");
        d.addProperty("id", disputeId);
        d.addProperty("charge", chargeId);
        d.addProperty("payment_intent", paymentIntent);
        d.addProperty("amount", amount);
        d.addProperty("status", status);
        return StripeEvents.envelope(eventId, type, created, d);
    }

    /**
     * {@code invoice.paid} whose lines are given as {@code price:kind} with kind {@code recurring},
     * {@code proration} (a subscription proration line) or {@code item} (a one-off invoice item),
     * in this order; paid by {@code paymentIntent} ({@code payments.data[].payment}) for
     * {@code amountPaid} cents.
     */
    static String invoiceWithLines(String eventId, long created, String invoiceId, String customer,
                                   String subscription, String billingReason, List<String> lines, String paymentIntent,
                                   long amountPaid) {
        JsonObject inv = com.google.gson.JsonParser.parseString(invoice("invoice.paid", eventId, created, invoiceId,
                customer, subscription, PRICE_PRO, billingReason, "paid")).getAsJsonObject()
                .getAsJsonObject("data").getAsJsonObject("object");
        JsonObject template = inv.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
        JsonArray data = new JsonArray();
        int n = 0;
        for (String spec : lines) {
            String[] parts = spec.split(":");
            JsonObject line = template.deepCopy();
            line.addProperty("id", "il_" + invoiceId + "_" + n++);
            line.getAsJsonObject("pricing").getAsJsonObject("price_details").addProperty("price", parts[0]);
            JsonObject parent = line.getAsJsonObject("parent");
            if (parts[1].equals("item")) {
                parent.addProperty("type", "invoice_item_details");
                parent.getAsJsonObject("invoice_item_details").addProperty("proration", false);
            } else {
                parent.addProperty("type", "subscription_item_details");
                parent.getAsJsonObject("subscription_item_details").addProperty("proration",
                        parts[1].equals("proration"));
            }
            data.add(line);
        }
        inv.getAsJsonObject("lines").add("data", data);
        inv.addProperty("amount_paid", amountPaid);
        if (paymentIntent != null) {
            JsonObject payments = new JsonObject();
            JsonArray list = new JsonArray();
            JsonObject ip = new JsonObject();
            ip.addProperty("object", "invoice_payment");
            JsonObject payment = new JsonObject();
            payment.addProperty("type", "payment_intent");
            payment.addProperty("payment_intent", paymentIntent);
            ip.add("payment", payment);
            list.add(ip);
            payments.add("data", list);
            payments.addProperty("object", "list");
            inv.add("payments", payments);
        }
        return StripeEvents.envelope(eventId, "invoice.paid", created, inv);
    }

    /** Every order of {@code 0..n-1}. */
    static List<int[]> permutations(int n) {
        List<int[]> out = new java.util.ArrayList<>();
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

    /**
     * Runs {@code run} for every order on 4 threads and returns the outcomes that differ from
     * {@code expected}, keyed by the order.
     */
    static <T> Map<String, T> ordersDiffering(List<int[]> orders, java.util.function.Function<int[], T> run, T expected)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        Map<String, T> different = new java.util.concurrent.ConcurrentSkipListMap<>();
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int[] order : orders) {
                futures.add(pool.submit(() -> {
                    T outcome = run.apply(order);
                    if (!outcome.equals(expected)) {
                        different.put(java.util.Arrays.toString(order), outcome);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return different;
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
