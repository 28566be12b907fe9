package dev.creditline.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventKind;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stripe's event types map to the kinds the application understands: every type the endpoint
 * subscribes to, delivered signed around Stripe's own example object of its kind, reads as its
 * kind and its typed record; a type outside the list is stored and ignored, as before.
 */
class StripeEventTypesTest {

    private static final String SECRET = "whsec_test_creditline_0123456789";
    private static final long NOW = 1_785_000_000L;
    private static final StripeBillingEventVerifier VERIFIER = new StripeBillingEventVerifier(SECRET,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    /** The kind and record each subscribed type must read as. */
    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("checkout.session.completed", new Expected(BillingEventKind.CHECKOUT_COMPLETED,
                    BillingEvent.CheckoutSessionCompleted.class)),
            Map.entry("checkout.session.async_payment_succeeded", new Expected(
                    BillingEventKind.CHECKOUT_ASYNC_PAYMENT_SUCCEEDED,
                    BillingEvent.CheckoutSessionAsyncPaymentSucceeded.class)),
            Map.entry("checkout.session.expired", new Expected(BillingEventKind.CHECKOUT_EXPIRED,
                    BillingEvent.CheckoutSessionExpired.class)),
            Map.entry("invoice.paid", new Expected(BillingEventKind.INVOICE_PAID, BillingEvent.InvoicePaid.class)),
            Map.entry("invoice.payment_succeeded", new Expected(BillingEventKind.INVOICE_PAID,
                    BillingEvent.InvoicePaid.class)),
            Map.entry("invoice.payment_failed", new Expected(BillingEventKind.INVOICE_PAYMENT_FAILED,
                    BillingEvent.InvoicePaymentFailed.class)),
            Map.entry("customer.subscription.created", new Expected(BillingEventKind.SUBSCRIPTION_CREATED,
                    BillingEvent.SubscriptionChanged.class)),
            Map.entry("customer.subscription.updated", new Expected(BillingEventKind.SUBSCRIPTION_UPDATED,
                    BillingEvent.SubscriptionChanged.class)),
            Map.entry("customer.subscription.deleted", new Expected(BillingEventKind.SUBSCRIPTION_DELETED,
                    BillingEvent.SubscriptionDeleted.class)),
            Map.entry("charge.refunded", new Expected(BillingEventKind.CHARGE_REFUNDED,
                    BillingEvent.ChargeRefunded.class)),
            Map.entry("charge.dispute.created", new Expected(BillingEventKind.DISPUTE_OPENED_OR_UPDATED,
                    BillingEvent.ChargeDispute.class)),
            Map.entry("charge.dispute.updated", new Expected(BillingEventKind.DISPUTE_OPENED_OR_UPDATED,
                    BillingEvent.ChargeDispute.class)),
            Map.entry("charge.dispute.closed", new Expected(BillingEventKind.DISPUTE_CLOSED,
                    BillingEvent.ChargeDispute.class)),
            Map.entry("payment_intent.succeeded", new Expected(BillingEventKind.PAYMENT_INTENT_SUCCEEDED,
                    BillingEvent.PaymentIntentEvent.class)),
            Map.entry("payment_intent.payment_failed", new Expected(BillingEventKind.PAYMENT_INTENT_FAILED,
                    BillingEvent.PaymentIntentEvent.class)),
            Map.entry("payment_intent.requires_action", new Expected(BillingEventKind.PAYMENT_INTENT_REQUIRES_ACTION,
                    BillingEvent.PaymentIntentEvent.class)),
            Map.entry("setup_intent.succeeded", new Expected(BillingEventKind.SETUP_INTENT_SUCCEEDED,
                    BillingEvent.SetupIntentSucceeded.class)));

    private record Expected(BillingEventKind kind, Class<? extends BillingEvent> record) {
    }

    static Set<String> subscribed() {
        return StripeEventTypes.SUBSCRIBED;
    }

    /** Stripe's example object of the type's {@code data.object}; payment and setup intents have none in the fixtures. */
    private static JsonObject dataObject(String type) {
        String prefix = type.substring(0, type.lastIndexOf('.'));
        return switch (prefix) {
            case "checkout.session" -> StripeFixtures.checkoutSession();
            case "invoice" -> StripeFixtures.invoice();
            case "customer.subscription" -> StripeFixtures.subscription();
            case "charge" -> StripeFixtures.charge();
            case "charge.dispute" -> StripeFixtures.load("dispute");
            case "payment_intent" -> minimal("payment_intent", "pi_test_1");
            case "setup_intent" -> minimal("setup_intent", "seti_test_1");
            default -> throw new AssertionError("no example object for " + type);
        };
    }

    private static JsonObject minimal(String object, String id) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("object", object);
        o.addProperty("customer", "cus_test_1");
        return o;
    }

    private static BillingEvent deliver(String type, JsonObject object) {
        String body = StripeEvents.envelope("evt_types_1", type, NOW - 5, object);
        return VERIFIER.verify(body.getBytes(StandardCharsets.UTF_8),
                StripeEvents.signatureHeader(body, SECRET, NOW));
    }

    @ParameterizedTest
    @MethodSource("subscribed")
    void every_subscribed_type_reads_as_its_kind_and_record_and_keeps_its_wire_name(String type) {
        Expected expected = EXPECTED.get(type);
        assertThat(expected).as("expected kind of %s", type).isNotNull();

        BillingEvent event = deliver(type, dataObject(type));

        assertThat(StripeEventTypes.kindOf(type)).isEqualTo(expected.kind());
        assertThat(event).isInstanceOf(expected.record());
        assertThat(event.kind()).isEqualTo(expected.kind());
        assertThat(event.type()).isEqualTo(type);
    }

    @Test
    void the_subscribed_list_is_exactly_the_types_above_and_reaches_every_kind_but_other() {
        assertThat(StripeEventTypes.SUBSCRIBED).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        Set<BillingEventKind> reached = StripeEventTypes.SUBSCRIBED.stream().map(StripeEventTypes::kindOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BillingEventKind.class)));
        assertThat(reached).isEqualTo(EnumSet.complementOf(EnumSet.of(BillingEventKind.OTHER)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer.created", "invoice.finalized", "payment_intent.created",
            "charge.succeeded", "checkout.session", "CHECKOUT.SESSION.COMPLETED", ""})
    void any_other_type_is_other_and_reads_as_ignored(String type) {
        BillingEvent event = deliver(type, StripeFixtures.checkoutSession());

        assertThat(StripeEventTypes.kindOf(type)).isEqualTo(BillingEventKind.OTHER);
        assertThat(event).isInstanceOf(BillingEvent.Ignored.class);
        assertThat(event.kind()).isEqualTo(BillingEventKind.OTHER);
        assertThat(event.type()).isEqualTo(type);
    }

    @Test
    void the_setup_guide_names_every_subscribed_type() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "billing.md"), StandardCharsets.UTF_8);

        assertThat(Arrays.stream(StripeEventTypes.SUBSCRIBED.toArray(String[]::new))
                .filter(t -> !guide.contains("`" + t + "`"))).isEmpty();
    }
}
