package dev.creditline.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.billing.CheckoutSessionState;
import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Stripe status and billing-reason wire value maps to its enum constant, exactly and
 * case-sensitively; a value Stripe adds later maps to the fallback, and a missing one stays null.
 * The tables below are written out by hand so that a changed mapping fails here.
 */
class StripeStatusesTest {

    @Test
    void every_subscription_status() {
        Map<String, SubscriptionStatus> expected = Map.of(
                "incomplete", SubscriptionStatus.INCOMPLETE,
                "incomplete_expired", SubscriptionStatus.INCOMPLETE_EXPIRED,
                "trialing", SubscriptionStatus.TRIALING,
                "active", SubscriptionStatus.ACTIVE,
                "past_due", SubscriptionStatus.PAST_DUE,
                "unpaid", SubscriptionStatus.UNPAID,
                "paused", SubscriptionStatus.PAUSED,
                "canceled", SubscriptionStatus.CANCELED);
        expected.forEach((wire, status) -> assertThat(StripeStatuses.subscription(wire)).as(wire).isEqualTo(status));
        assertThat(StripeStatuses.SUBSCRIPTION).isEqualTo(expected);
        assertThat(reached(expected)).isEqualTo(EnumSet.complementOf(EnumSet.of(SubscriptionStatus.UNKNOWN)));
        // what the rows always held is what Stripe sent: the storage name is the wire value
        expected.forEach((wire, status) -> assertThat(status.storageName()).isEqualTo(wire));
    }

    @Test
    void every_dispute_status() {
        Map<String, DisputeStatus> expected = Map.of(
                "warning_needs_response", DisputeStatus.WARNING_NEEDS_RESPONSE,
                "warning_under_review", DisputeStatus.WARNING_UNDER_REVIEW,
                "warning_closed", DisputeStatus.WARNING_CLOSED,
                "needs_response", DisputeStatus.NEEDS_RESPONSE,
                "under_review", DisputeStatus.UNDER_REVIEW,
                "won", DisputeStatus.WON,
                "lost", DisputeStatus.LOST,
                "prevented", DisputeStatus.PREVENTED);
        expected.forEach((wire, status) -> assertThat(StripeStatuses.dispute(wire)).as(wire).isEqualTo(status));
        assertThat(StripeStatuses.DISPUTE).isEqualTo(expected);
        assertThat(reached(expected)).isEqualTo(EnumSet.complementOf(EnumSet.of(DisputeStatus.UNKNOWN)));
        expected.forEach((wire, status) -> assertThat(status.storageName()).isEqualTo(wire));
    }

    @Test
    void every_invoice_status_and_billing_reason() {
        Map<String, InvoiceStatus> statuses = Map.of(
                "draft", InvoiceStatus.DRAFT,
                "open", InvoiceStatus.OPEN,
                "paid", InvoiceStatus.PAID,
                "uncollectible", InvoiceStatus.UNCOLLECTIBLE,
                "void", InvoiceStatus.VOID);
        statuses.forEach((wire, status) -> assertThat(StripeStatuses.invoice(wire)).as(wire).isEqualTo(status));
        assertThat(StripeStatuses.INVOICE).isEqualTo(statuses);
        assertThat(reached(statuses)).isEqualTo(EnumSet.complementOf(EnumSet.of(InvoiceStatus.UNKNOWN)));

        Map<String, InvoiceBillingReason> reasons = Map.of(
                "subscription_create", InvoiceBillingReason.SUBSCRIPTION_CREATE,
                "subscription_cycle", InvoiceBillingReason.SUBSCRIPTION_CYCLE,
                "subscription_update", InvoiceBillingReason.SUBSCRIPTION_UPDATE,
                "subscription_threshold", InvoiceBillingReason.SUBSCRIPTION_THRESHOLD,
                "subscription", InvoiceBillingReason.SUBSCRIPTION,
                "manual", InvoiceBillingReason.MANUAL,
                "quote_accept", InvoiceBillingReason.QUOTE_ACCEPT,
                "upcoming", InvoiceBillingReason.UPCOMING,
                "automatic_pending_invoice_item_invoice", InvoiceBillingReason.AUTOMATIC_PENDING_INVOICE_ITEM_INVOICE);
        reasons.forEach((wire, reason) -> assertThat(StripeStatuses.billingReason(wire)).as(wire).isEqualTo(reason));
        assertThat(StripeStatuses.BILLING_REASON).isEqualTo(reasons);
        assertThat(reached(reasons)).isEqualTo(EnumSet.complementOf(EnumSet.of(InvoiceBillingReason.OTHER)));
    }

    @Test
    void every_payment_intent_status() {
        Map<String, PaymentIntentStatus> expected = Map.of(
                "requires_payment_method", PaymentIntentStatus.REQUIRES_PAYMENT_METHOD,
                "requires_confirmation", PaymentIntentStatus.REQUIRES_CONFIRMATION,
                "requires_action", PaymentIntentStatus.REQUIRES_ACTION,
                "processing", PaymentIntentStatus.PROCESSING,
                "requires_capture", PaymentIntentStatus.REQUIRES_CAPTURE,
                "canceled", PaymentIntentStatus.CANCELED,
                "succeeded", PaymentIntentStatus.SUCCEEDED);
        expected.forEach((wire, status) -> assertThat(StripeStatuses.paymentIntent(wire)).as(wire).isEqualTo(status));
        assertThat(StripeStatuses.PAYMENT_INTENT).isEqualTo(expected);
        assertThat(reached(expected)).isEqualTo(EnumSet.complementOf(EnumSet.of(PaymentIntentStatus.UNKNOWN)));
        // the failure reason of a refused top-up, payment_<status>, keeps Stripe's spelling
        expected.forEach((wire, status) -> assertThat(status.storageName()).isEqualTo(wire));
    }

    @Test
    void every_checkout_session_status() {
        Map<String, CheckoutSessionState> expected = Map.of(
                "open", CheckoutSessionState.OPEN,
                "complete", CheckoutSessionState.COMPLETE,
                "expired", CheckoutSessionState.EXPIRED);
        expected.forEach((wire, state) -> assertThat(StripeStatuses.checkoutSession(wire)).as(wire).isEqualTo(state));
        assertThat(StripeStatuses.CHECKOUT_SESSION).isEqualTo(expected);
        assertThat(reached(expected)).isEqualTo(EnumSet.allOf(CheckoutSessionState.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ACTIVE", "Paid", "SUBSCRIPTION_CYCLE", "won ", "something_stripe_adds_later"})
    void an_unknown_or_differently_cased_value_maps_to_the_fallback(String wire) {
        assertThat(StripeStatuses.subscription(wire)).isEqualTo(SubscriptionStatus.UNKNOWN);
        assertThat(StripeStatuses.dispute(wire)).isEqualTo(DisputeStatus.UNKNOWN);
        assertThat(StripeStatuses.invoice(wire)).isEqualTo(InvoiceStatus.UNKNOWN);
        assertThat(StripeStatuses.billingReason(wire)).isEqualTo(InvoiceBillingReason.OTHER);
        assertThat(StripeStatuses.paymentIntent(wire)).isEqualTo(PaymentIntentStatus.UNKNOWN);
        assertThat(StripeStatuses.checkoutSession(wire)).isNull();
    }

    @Test
    void a_missing_value_stays_null() {
        assertThat(StripeStatuses.subscription(null)).isNull();
        assertThat(StripeStatuses.dispute(null)).isNull();
        assertThat(StripeStatuses.invoice(null)).isNull();
        assertThat(StripeStatuses.billingReason(null)).isNull();
        assertThat(StripeStatuses.paymentIntent(null)).isNull();
        assertThat(StripeStatuses.checkoutSession(null)).isNull();
    }

    /**
     * Where a Stripe spelling is also one of OUR stored or answered values, and so may appear as a
     * literal: the checkout attempt's kind and statuses, the top-up attempt's statuses, the answers
     * of the checkout-status use case, and ledger ref types.
     */
    private static final Map<String, Set<String>> OWN_VALUES = Map.of(
            "CheckoutAttempt.java", Set.of("subscription", "open", "complete", "expired"),
            "TopUpAttempt.java", Set.of("processing", "requires_action", "succeeded"),
            "BillingService.java", Set.of("complete", "expired", "processing"),
            "LedgerRef.java", Set.of("void", "manual"));

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"([a-z_]+)\"");

    @Test
    void no_stripe_status_or_reason_literal_is_left_in_domain_or_application_main_code() throws IOException {
        Set<String> wire = new HashSet<>();
        Stream.of(StripeStatuses.SUBSCRIPTION, StripeStatuses.DISPUTE, StripeStatuses.INVOICE,
                StripeStatuses.BILLING_REASON, StripeStatuses.PAYMENT_INTENT, StripeStatuses.CHECKOUT_SESSION)
                .forEach(table -> wire.addAll(table.keySet()));
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : List.of("domain", "application")) {
            Path root = Path.of("..", module, "src", "main", "java");
            assertThat(root).isDirectory();
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(root)) {
                sources = walk.filter(f -> f.toString().endsWith(".java")).toList();
            }
            for (Path file : sources) {
                files++;
                String code = COMMENTS.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(" ");
                Set<String> own = OWN_VALUES.getOrDefault(file.getFileName().toString(), Set.of());
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    if (wire.contains(m.group(1)) && !own.contains(m.group(1))) {
                        found.add(root.relativize(file) + ": \"" + m.group(1) + "\"");
                    }
                }
            }
        }
        assertThat(files).as("source files scanned").isGreaterThan(100);
        assertThat(found).as("Stripe wire values belong in adapters-stripe (StripeStatuses)").isEmpty();
    }

    private static <E> Set<E> reached(Map<String, E> table) {
        return new HashSet<>(table.values());
    }
}
