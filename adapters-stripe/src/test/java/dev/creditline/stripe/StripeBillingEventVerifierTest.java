package dev.creditline.stripe;

import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEvent.ChargeRefunded;
import dev.creditline.application.port.out.billing.BillingEvent.CheckoutSessionAsyncPaymentSucceeded;
import dev.creditline.application.port.out.billing.BillingEvent.CheckoutSessionCompleted;
import dev.creditline.application.port.out.billing.BillingEvent.CheckoutSessionExpired;
import dev.creditline.application.port.out.billing.BillingEvent.Ignored;
import dev.creditline.application.port.out.billing.BillingEvent.InvoicePaid;
import dev.creditline.application.port.out.billing.BillingEvent.InvoicePaymentFailed;
import dev.creditline.application.port.out.billing.BillingEvent.Refund;
import dev.creditline.application.port.out.billing.BillingEvent.SubscriptionChanged;
import dev.creditline.application.port.out.billing.BillingEvent.SubscriptionDeleted;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.CheckoutPaymentStatus;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.WebhookSignatureException;
import dev.creditline.application.port.out.billing.WebhookSignatureException.Reason;
import dev.creditline.stripe.testing.StripeEvents;
import dev.creditline.stripe.testing.StripeFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec: billing.md "Webhook" (signature, tolerance, event table); stack.md gotcha 7. Payloads are
 * Stripe's own fixture objects (API {@code 2026-07-29.dahlia}) in event envelopes, signed with
 * stripe-java's HMAC helper.
 */
class StripeBillingEventVerifierTest {

    private static final String SECRET = "whsec_test_creditline_0123456789";
    private static final long NOW = 1_785_000_000L;
    private static final long CREATED = NOW - 5;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String USER = "7b0f5a4e-3c1d-4d8e-9f21-0a1b2c3d4e5f";

    private final StripeBillingEventVerifier verifier = new StripeBillingEventVerifier(SECRET, CLOCK);

    private BillingEvent deliver(String type, JsonObject object) {
        String body = StripeEvents.envelope("evt_test_1", type, CREATED, object);
        return verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String packBody() {
        return StripeEvents.envelope("evt_pack", "checkout.session.completed", CREATED, paidPackSession());
    }

    private static JsonObject paidPackSession() {
        JsonObject s = StripeFixtures.checkoutSession();
        s.addProperty("id", "cs_test_pack_1");
        s.addProperty("mode", "payment");
        s.addProperty("status", "complete");
        s.addProperty("payment_status", "paid");
        s.addProperty("client_reference_id", USER);
        s.addProperty("customer", "cus_pack");
        s.addProperty("payment_intent", "pi_pack_1");
        s.addProperty("amount_total", 500);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("credits", "50000");
        metadata.addProperty("pack_id", "starter");
        metadata.addProperty("user_id", USER);
        s.add("metadata", metadata);
        return s;
    }

    @Nested
    class Signature {

        @Test
        void validSignatureYieldsTheTypedEventWithEnvelopeAndRawPayload() {
            String body = packBody();

            BillingEvent event = verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW));

            assertThat(event).isInstanceOf(CheckoutSessionCompleted.class);
            assertThat(event.eventId()).isEqualTo("evt_pack");
            assertThat(event.type()).isEqualTo("checkout.session.completed");
            assertThat(event.created()).isEqualTo(Instant.ofEpochSecond(CREATED));
            assertThat(event.payload()).isEqualTo(body);
        }

        @Test
        void tamperedBodyIsRefused() {
            String body = packBody();
            String header = StripeEvents.signatureHeader(body, SECRET, NOW);
            String tampered = body.replace("\"50000\"", "\"5000000\"");

            assertRefused(() -> verifier.verify(bytes(tampered), header), Reason.BAD_SIGNATURE);
        }

        @Test
        void signatureUnderAnotherSecretIsRefused() {
            String body = packBody();

            assertRefused(() -> verifier.verify(bytes(body),
                    StripeEvents.signatureHeader(body, "whsec_someone_else", NOW)), Reason.BAD_SIGNATURE);
        }

        @Test
        void timestampOlderThan300SecondsIsRefused() {
            String body = packBody();

            assertRefused(() -> verifier.verify(bytes(body),
                    StripeEvents.signatureHeader(body, SECRET, NOW - 301)), Reason.STALE_TIMESTAMP);
        }

        @Test
        void timestampExactly300SecondsOldIsAccepted() {
            String body = packBody();

            assertThat(verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW - 300)))
                    .isInstanceOf(CheckoutSessionCompleted.class);
        }

        @Test
        void timestampMoreThan300SecondsInTheFutureIsRefused() {
            String body = packBody();

            assertRefused(() -> verifier.verify(bytes(body),
                    StripeEvents.signatureHeader(body, SECRET, NOW + 301)), Reason.FUTURE_TIMESTAMP);
        }

        @Test
        void timestampExactly300SecondsInTheFutureIsAccepted() {
            String body = packBody();

            assertThat(verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW + 300)))
                    .isInstanceOf(CheckoutSessionCompleted.class);
        }

        @Test
        void missingSignatureHeaderIsRefused() {
            assertRefused(() -> verifier.verify(bytes(packBody()), null), Reason.MISSING_HEADER);
            assertRefused(() -> verifier.verify(bytes(packBody()), "  "), Reason.MISSING_HEADER);
        }

        @Test
        void headerWithoutTimestampIsRefused() {
            String body = packBody();
            String header = StripeEvents.signatureHeader(body, SECRET, NOW);

            assertRefused(() -> verifier.verify(bytes(body), header.substring(header.indexOf(',') + 1)),
                    Reason.BAD_SIGNATURE);
            assertRefused(() -> verifier.verify(bytes(body), "t=abc,v1=00"), Reason.BAD_SIGNATURE);
        }

        @Test
        void headerWithoutV1SignatureIsRefused() {
            String body = packBody();
            String v1 = StripeEvents.signatureHeader(body, SECRET, NOW);

            assertRefused(() -> verifier.verify(bytes(body), v1.replace("v1=", "v0=")), Reason.BAD_SIGNATURE);
        }

        @Test
        void anyMatchingV1SignatureIsAcceptedSoSecretsCanRotate() {
            String body = packBody();
            String old = StripeEvents.signatureHeader(body, "whsec_old_secret", NOW);
            String current = StripeEvents.signatureHeader(body, SECRET, NOW);
            String header = old + "," + current.substring(current.indexOf(',') + 1);

            assertThat(verifier.verify(bytes(body), header)).isInstanceOf(CheckoutSessionCompleted.class);
        }

        @Test
        void signedBodyThatIsNotJsonIsRefusedAsUnparsable() {
            String body = "this is not json";

            assertRefused(() -> verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW)),
                    Reason.UNPARSABLE_BODY);
        }

        @Test
        void signedJsonThatIsNotAnEventEnvelopeIsRefusedAsUnparsable() {
            for (String body : new String[] {"[1,2]", "{\"type\":\"invoice.paid\",\"created\":1}",
                    "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}", "{\"id\":7,\"type\":\"x\",\"created\":1}"}) {
                assertRefused(() -> verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW)),
                        Reason.UNPARSABLE_BODY);
            }
        }

        @Test
        void anEnvelopeIdHoldingNulIsRefusedAsUnparsable() {
            String body = "{\"id\":\"evt_\\u0000\",\"type\":\"invoice.paid\",\"created\":1}";
            assertRefused(() -> verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW)),
                    Reason.UNPARSABLE_BODY);
        }

        @Test
        void aDataObjectTextHoldingNulIsMalformedNotStoredText() {
            for (String field : new String[] {"customer", "client_reference_id", "id"}) {
                JsonObject s = StripeFixtures.checkoutSession();
                s.addProperty(field, "a\u0000b");
                assertThatThrownBy(() -> deliver("checkout.session.completed", s))
                        .as(field).isInstanceOf(MalformedEventException.class);
            }
            JsonObject s = StripeFixtures.checkoutSession();
            JsonObject md = new JsonObject();
            md.addProperty("credits", "\u0000");
            s.add("metadata", md);
            assertThatThrownBy(() -> deliver("checkout.session.completed", s)).isInstanceOf(MalformedEventException.class);
        }

        @Test
        void bodyThatIsNotUtf8IsRefused() {
            byte[] body = {'{', (byte) 0xC3, (byte) 0x28, '}'};

            assertRefused(() -> verifier.verify(body, "t=" + NOW + ",v1=00"), Reason.UNPARSABLE_BODY);
        }

        @Test
        void blankWebhookSecretCannotBuildAVerifier() {
            assertThatThrownBy(() -> new StripeBillingEventVerifier("", CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new StripeBillingEventVerifier(null, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusalMessageNeverContainsTheSecret() {
            String body = packBody();
            WebhookSignatureException e = catchThrowableOfType(WebhookSignatureException.class,
                    () -> verifier.verify(bytes(body), StripeEvents.signatureHeader(body, "whsec_other", NOW)));

            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(e.code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        }

        private void assertRefused(Runnable call, Reason reason) {
            WebhookSignatureException e = catchThrowableOfType(WebhookSignatureException.class, call::run);
            assertThat(e).as("expected refusal " + reason).isNotNull();
            assertThat(e.reason()).isEqualTo(reason);
        }
    }

    @Nested
    class CheckoutSessionEvents {

        @Test
        void paidPackCompletionCarriesSessionPaymentUserAndPackMetadata() {
            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", paidPackSession());

            assertThat(event.sessionId()).isEqualTo("cs_test_pack_1");
            assertThat(event.mode()).isEqualTo(CheckoutMode.PAYMENT);
            assertThat(event.paymentStatus()).isEqualTo(CheckoutPaymentStatus.PAID);
            assertThat(event.clientReferenceId()).isEqualTo(USER);
            assertThat(event.customerId()).isEqualTo("cus_pack");
            assertThat(event.subscriptionId()).isNull();
            assertThat(event.paymentIntentId()).isEqualTo("pi_pack_1");
            assertThat(event.amountTotal()).isEqualTo(500L);
            assertThat(event.metadata())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("credits", "50000", "pack_id", "starter", "user_id", USER));
        }

        @Test
        void asyncPaymentSucceededMapsToItsOwnRecordWithTheSameFields() {
            JsonObject s = paidPackSession();

            var event = deliver("checkout.session.async_payment_succeeded", s);

            assertThat(event).isInstanceOf(CheckoutSessionAsyncPaymentSucceeded.class);
            var async = (CheckoutSessionAsyncPaymentSucceeded) event;
            assertThat(async.sessionId()).isEqualTo("cs_test_pack_1");
            assertThat(async.paymentStatus()).isEqualTo(CheckoutPaymentStatus.PAID);
            assertThat(async.metadata()).containsEntry("credits", "50000");
        }

        @Test
        void unpaidCompletionOfAnAsyncPaymentKeepsPaymentStatusUnpaid() {
            JsonObject s = paidPackSession();
            s.addProperty("payment_status", "unpaid");

            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", s);

            assertThat(event.paymentStatus()).isEqualTo(CheckoutPaymentStatus.UNPAID);
        }

        @Test
        void subscriptionCompletionCarriesSubscriptionCustomerAndAttemptMetadata() {
            JsonObject s = StripeFixtures.checkoutSession();
            s.addProperty("id", "cs_test_sub_1");
            s.addProperty("mode", "subscription");
            s.addProperty("payment_status", "paid");
            s.addProperty("client_reference_id", USER);
            s.addProperty("customer", "cus_sub");
            s.addProperty("subscription", "sub_new");
            s.add("payment_intent", JsonNull.INSTANCE);
            JsonObject metadata = new JsonObject();
            metadata.addProperty("plan", "pro");
            metadata.addProperty("user_id", USER);
            metadata.addProperty("checkout_attempt_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
            s.add("metadata", metadata);

            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", s);

            assertThat(event.mode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
            assertThat(event.subscriptionId()).isEqualTo("sub_new");
            assertThat(event.customerId()).isEqualTo("cus_sub");
            assertThat(event.paymentIntentId()).isNull();
            assertThat(event.metadata()).containsEntry("plan", "pro")
                    .containsEntry("checkout_attempt_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        }

        @Test
        void expandedCustomerSubscriptionAndPaymentIntentAreReducedToTheirIds() {
            JsonObject s = paidPackSession();
            s.add("customer", StripeFixtures.customer());
            JsonObject subscription = StripeFixtures.subscription();
            s.add("subscription", subscription);
            JsonObject pi = new JsonObject();
            pi.addProperty("id", "pi_expanded");
            pi.addProperty("object", "payment_intent");
            s.add("payment_intent", pi);

            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", s);

            assertThat(event.customerId()).isEqualTo("cus_QXg1o8vcGmoR32");
            assertThat(event.subscriptionId()).isEqualTo("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
            assertThat(event.paymentIntentId()).isEqualTo("pi_expanded");
        }

        @Test
        void expiredSessionMapsToCheckoutSessionExpired() {
            JsonObject s = StripeFixtures.checkoutSession();
            s.addProperty("id", "cs_test_gone");
            s.addProperty("status", "expired");
            s.addProperty("mode", "subscription");

            var event = deliver("checkout.session.expired", s);

            assertThat(event).isInstanceOf(CheckoutSessionExpired.class);
            assertThat(((CheckoutSessionExpired) event).sessionId()).isEqualTo("cs_test_gone");
            assertThat(((CheckoutSessionExpired) event).mode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
        }

        @Test
        void missingFieldsReadAsNullAndMissingMetadataAsEmpty() {
            JsonObject s = new JsonObject();
            s.addProperty("id", "cs_test_sparse");
            s.addProperty("object", "checkout.session");
            s.add("metadata", JsonNull.INSTANCE);

            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", s);

            assertThat(event.sessionId()).isEqualTo("cs_test_sparse");
            assertThat(event.mode()).isNull();
            assertThat(event.paymentStatus()).isNull();
            assertThat(event.clientReferenceId()).isNull();
            assertThat(event.customerId()).isNull();
            assertThat(event.amountTotal()).isNull();
            assertThat(event.metadata()).isEmpty();
        }

        @Test
        void fixtureSessionParsesUnchanged() {
            var event = (CheckoutSessionCompleted) deliver("checkout.session.completed", StripeFixtures.checkoutSession());

            assertThat(event.sessionId()).isEqualTo("cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY");
            assertThat(event.paymentIntentId()).isEqualTo("pi_1PgafyB7WZ01zgkWSjxsAJo3");
            assertThat(event.amountTotal()).isNull();
        }
    }

    @Nested
    class InvoiceEvents {

        private JsonObject paidSubscriptionInvoice(String billingReason) {
            JsonObject invoice = StripeFixtures.invoice();
            invoice.addProperty("id", "in_cycle_1");
            invoice.addProperty("billing_reason", billingReason);
            invoice.addProperty("status", "paid");
            invoice.addProperty("customer", "cus_sub");
            JsonObject parent = invoice.getAsJsonObject("parent");
            parent.addProperty("type", "subscription_details");
            parent.add("quote_details", JsonNull.INSTANCE);
            parent.getAsJsonObject("subscription_details").addProperty("subscription", "sub_live");
            JsonObject line = invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
            JsonObject priceDetails = new JsonObject();
            priceDetails.addProperty("price", "price_pro_monthly");
            priceDetails.addProperty("product", "prod_pro");
            line.getAsJsonObject("pricing").add("price_details", priceDetails);
            return invoice;
        }

        @Test
        void invoicePaidReadsSubscriptionFromParentAndPriceFromLinePricing() {
            var event = (InvoicePaid) deliver("invoice.paid", paidSubscriptionInvoice("subscription_cycle"));

            assertThat(event.type()).isEqualTo("invoice.paid");
            assertThat(event.invoiceId()).isEqualTo("in_cycle_1");
            assertThat(event.billingReason()).isEqualTo(InvoiceBillingReason.SUBSCRIPTION_CYCLE);
            assertThat(event.status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(event.customerId()).isEqualTo("cus_sub");
            assertThat(event.subscriptionId()).isEqualTo("sub_live");
            assertThat(event.linePriceIds()).containsExactly("price_pro_monthly");
        }

        @Test
        void invoicePaymentSucceededMapsToInvoicePaidKeepingItsType() {
            var event = deliver("invoice.payment_succeeded", paidSubscriptionInvoice("subscription_create"));

            assertThat(event).isInstanceOf(InvoicePaid.class);
            assertThat(event.type()).isEqualTo("invoice.payment_succeeded");
            assertThat(((InvoicePaid) event).billingReason()).isEqualTo(InvoiceBillingReason.SUBSCRIPTION_CREATE);
        }

        @Test
        void prorationInvoiceKeepsItsBillingReasonForTheHandlerToSkip() {
            var event = (InvoicePaid) deliver("invoice.paid", paidSubscriptionInvoice("subscription_update"));

            assertThat(event.billingReason()).isEqualTo(InvoiceBillingReason.SUBSCRIPTION_UPDATE);
        }

        @Test
        void repeatedLinePricesAreListedOnceInOrder() {
            JsonObject invoice = paidSubscriptionInvoice("subscription_cycle");
            JsonArray lines = invoice.getAsJsonObject("lines").getAsJsonArray("data");
            JsonObject second = lines.get(0).getAsJsonObject().deepCopy();
            JsonObject third = lines.get(0).getAsJsonObject().deepCopy();
            third.getAsJsonObject("pricing").getAsJsonObject("price_details").addProperty("price", "price_addon");
            lines.add(second);
            lines.add(third);

            var event = (InvoicePaid) deliver("invoice.paid", invoice);

            assertThat(event.linePriceIds()).containsExactly("price_pro_monthly", "price_addon");
        }

        @Test
        void olderApiLayoutFallsBackToTopLevelSubscriptionAndLinePriceObject() {
            JsonObject invoice = StripeFixtures.invoice();
            invoice.addProperty("billing_reason", "subscription_cycle");
            invoice.addProperty("status", "paid");
            invoice.remove("parent");
            invoice.addProperty("subscription", "sub_old_layout");
            JsonObject line = invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
            line.remove("pricing");
            JsonObject price = new JsonObject();
            price.addProperty("id", "price_old_layout");
            price.addProperty("object", "price");
            line.add("price", price);

            var event = (InvoicePaid) deliver("invoice.paid", invoice);

            assertThat(event.subscriptionId()).isEqualTo("sub_old_layout");
            assertThat(event.linePriceIds()).containsExactly("price_old_layout");
        }

        @Test
        void subscriptionFallsBackToTheLineParentWhenTheInvoiceParentHasNone() {
            JsonObject invoice = StripeFixtures.invoice();
            invoice.remove("parent");
            JsonObject line = invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
            line.getAsJsonObject("parent").getAsJsonObject("subscription_item_details")
                    .addProperty("subscription", "sub_from_line");

            var event = (InvoicePaid) deliver("invoice.paid", invoice);

            assertThat(event.subscriptionId()).isEqualTo("sub_from_line");
        }

        @Test
        void theAllowancePeriodIsTheFirstRecurringSubscriptionLinesPeriodNotTheInvoicesOwn() {
            JsonObject invoice = paidSubscriptionInvoice("subscription_cycle");
            JsonArray lines = invoice.getAsJsonObject("lines").getAsJsonArray("data");
            JsonObject proration = lines.get(0).getAsJsonObject().deepCopy();
            JsonObject recurring = lines.get(0).getAsJsonObject();
            proration.getAsJsonObject("parent").addProperty("type", "subscription_item_details");
            proration.getAsJsonObject("parent").getAsJsonObject("subscription_item_details")
                    .addProperty("proration", true);
            proration.add("period", period(1_700_000_000L, 1_700_100_000L));
            recurring.getAsJsonObject("parent").addProperty("type", "subscription_item_details");
            recurring.getAsJsonObject("parent").getAsJsonObject("subscription_item_details")
                    .addProperty("proration", false);
            recurring.add("period", period(1_767_225_600L, 1_769_904_000L)); // 2026-01-01 .. 2026-02-01
            lines.set(0, proration);
            lines.add(recurring);
            invoice.addProperty("period_start", 1_764_547_200L);
            invoice.addProperty("period_end", 1_767_225_600L);

            var event = (InvoicePaid) deliver("invoice.paid", invoice);

            assertThat(event.recurringLinePriceIds()).containsExactly("price_pro_monthly");
            assertThat(event.periodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(event.periodEnd()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        }

        @Test
        void anInvoiceWithoutARecurringLineHasNoAllowancePeriod() {
            var event = (InvoicePaid) deliver("invoice.paid", StripeFixtures.invoice());

            assertThat(event.periodStart()).isNull();
            assertThat(event.periodEnd()).isNull();
        }

        private JsonObject period(long start, long end) {
            JsonObject p = new JsonObject();
            p.addProperty("start", start);
            p.addProperty("end", end);
            return p;
        }

        @Test
        void fixtureInvoiceParsesUnchangedWithoutAPrice() {
            var event = (InvoicePaid) deliver("invoice.paid", StripeFixtures.invoice());

            assertThat(event.invoiceId()).isEqualTo("in_1Pgc6tB7WZ01zgkWu9fdqL6I");
            assertThat(event.billingReason()).isEqualTo(InvoiceBillingReason.MANUAL);
            assertThat(event.status()).isEqualTo(InvoiceStatus.DRAFT);
            assertThat(event.customerId()).isEqualTo("cus_QXg1o8vcGmoR32");
            assertThat(event.linePriceIds()).isEmpty();
        }

        @Test
        void paymentFailedCarriesInvoiceCustomerAndSubscription() {
            JsonObject invoice = paidSubscriptionInvoice("subscription_cycle");
            invoice.addProperty("status", "open");

            var event = deliver("invoice.payment_failed", invoice);

            assertThat(event).isEqualTo(new InvoicePaymentFailed("evt_test_1", "invoice.payment_failed",
                    Instant.ofEpochSecond(CREATED), event.payload(), "in_cycle_1", "cus_sub", "sub_live"));
        }
    }

    @Nested
    class SubscriptionEvents {

        private JsonObject subscription() {
            JsonObject s = StripeFixtures.subscription();
            s.addProperty("id", "sub_live");
            s.addProperty("status", "past_due");
            s.addProperty("cancel_at_period_end", false);
            s.add("cancel_at", JsonNull.INSTANCE);
            JsonObject item = s.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
            item.getAsJsonObject("price").addProperty("id", "price_pro_monthly");
            item.addProperty("current_period_end", NOW + 86_400);
            JsonObject metadata = new JsonObject();
            metadata.addProperty("plan", "pro");
            metadata.addProperty("user_id", USER);
            s.add("metadata", metadata);
            return s;
        }

        @Test
        void updatedSubscriptionReadsPriceAndPeriodEndFromItsFirstItem() {
            var event = (SubscriptionChanged) deliver("customer.subscription.updated", subscription());

            assertThat(event.type()).isEqualTo("customer.subscription.updated");
            assertThat(event.subscriptionId()).isEqualTo("sub_live");
            assertThat(event.customerId()).isEqualTo("cus_QXg1o8vcGmoR32");
            assertThat(event.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
            assertThat(event.priceId()).isEqualTo("price_pro_monthly");
            assertThat(event.cancelAtPeriodEnd()).isFalse();
            assertThat(event.cancelAt()).isNull();
            assertThat(event.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(NOW + 86_400));
            assertThat(event.metadata()).containsEntry("plan", "pro").containsEntry("user_id", USER);
            assertThat(event.created()).isEqualTo(Instant.ofEpochSecond(CREATED));
        }

        @Test
        void createdSubscriptionMapsToSubscriptionChanged() {
            var event = deliver("customer.subscription.created", subscription());

            assertThat(event).isInstanceOf(SubscriptionChanged.class);
            assertThat(event.type()).isEqualTo("customer.subscription.created");
        }

        @Test
        void cancellationAtPeriodEndCarriesTheFlagAndCancelAt() {
            JsonObject s = subscription();
            s.addProperty("cancel_at_period_end", true);
            s.addProperty("cancel_at", NOW + 86_400);

            var event = (SubscriptionChanged) deliver("customer.subscription.updated", s);

            assertThat(event.cancelAtPeriodEnd()).isTrue();
            assertThat(event.cancelAt()).isEqualTo(Instant.ofEpochSecond(NOW + 86_400));
        }

        @Test
        void olderApiLayoutFallsBackToTopLevelPeriodEndAndPlan() {
            JsonObject s = subscription();
            s.remove("items");
            s.addProperty("current_period_end", NOW + 3_600);
            JsonObject plan = new JsonObject();
            plan.addProperty("id", "price_legacy");
            plan.addProperty("object", "plan");
            s.add("plan", plan);

            var event = (SubscriptionChanged) deliver("customer.subscription.updated", s);

            assertThat(event.priceId()).isEqualTo("price_legacy");
            assertThat(event.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(NOW + 3_600));
        }

        @Test
        void subscriptionWithoutItemsHasNullPriceAndPeriodEnd() {
            JsonObject s = subscription();
            s.remove("items");

            var event = (SubscriptionChanged) deliver("customer.subscription.updated", s);

            assertThat(event.priceId()).isNull();
            assertThat(event.currentPeriodEnd()).isNull();
        }

        @Test
        void fixtureSubscriptionParsesUnchanged() {
            var event = (SubscriptionChanged) deliver("customer.subscription.updated", StripeFixtures.subscription());

            assertThat(event.subscriptionId()).isEqualTo("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
            assertThat(event.priceId()).isEqualTo("price_1PgafmB7WZ01zgkW6dKueIc5");
            assertThat(event.status()).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(event.cancelAtPeriodEnd()).isTrue();
            assertThat(event.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(976287773L));
        }

        @Test
        void deletedSubscriptionCarriesItsIdAndCustomer() {
            JsonObject s = subscription();
            s.addProperty("status", "canceled");

            var event = deliver("customer.subscription.deleted", s);

            assertThat(event).isEqualTo(new SubscriptionDeleted("evt_test_1", "customer.subscription.deleted",
                    Instant.ofEpochSecond(CREATED), event.payload(), "sub_live", "cus_QXg1o8vcGmoR32"));
        }
    }

    @Nested
    class ChargeEvents {

        private JsonObject refundedCharge() {
            JsonObject c = StripeFixtures.charge();
            c.addProperty("id", "ch_pack_1");
            c.addProperty("amount", 500);
            c.addProperty("amount_refunded", 250);
            c.addProperty("refunded", false);
            c.addProperty("payment_intent", "pi_pack_1");
            JsonObject metadata = new JsonObject();
            metadata.addProperty("credits", "50000");
            metadata.addProperty("pack_id", "starter");
            metadata.addProperty("user_id", USER);
            c.add("metadata", metadata);
            JsonObject refund = StripeFixtures.refund();
            refund.addProperty("id", "re_half");
            refund.addProperty("amount", 250);
            refund.addProperty("charge", "ch_pack_1");
            c.getAsJsonObject("refunds").getAsJsonArray("data").add(refund);
            return c;
        }

        @Test
        void refundedChargeCarriesAmountsRefundsPaymentIntentAndPackMetadata() {
            var event = (ChargeRefunded) deliver("charge.refunded", refundedCharge());

            assertThat(event.chargeId()).isEqualTo("ch_pack_1");
            assertThat(event.paymentIntentId()).isEqualTo("pi_pack_1");
            assertThat(event.amount()).isEqualTo(500L);
            assertThat(event.amountRefunded()).isEqualTo(250L);
            assertThat(event.refunds()).containsExactly(new Refund("re_half", 250L));
            assertThat(event.metadata()).containsEntry("credits", "50000").containsEntry("user_id", USER);
        }

        @Test
        void chargeWithoutIncludedRefundsHasAnEmptyRefundList() {
            JsonObject c = refundedCharge();
            c.remove("refunds");

            var event = (ChargeRefunded) deliver("charge.refunded", c);

            assertThat(event.refunds()).isEmpty();
            assertThat(event.amountRefunded()).isEqualTo(250L);
        }

        @Test
        void fixtureChargeParsesUnchanged() {
            var event = (ChargeRefunded) deliver("charge.refunded", StripeFixtures.charge());

            assertThat(event.chargeId()).isEqualTo("ch_1PgafuB7WZ01zgkWXYmPNZs8");
            assertThat(event.paymentIntentId()).isNull();
            assertThat(event.amount()).isEqualTo(100L);
            assertThat(event.refunds()).isEmpty();
        }
    }

    @Nested
    class OtherEvents {

        @ParameterizedTest
        @ValueSource(strings = {"customer.created", "charge.dispute.funds_withdrawn", "payment_intent.succeeded",
                "checkout.session.async_payment_failed", "invoice.finalized"})
        void unknownTypeIsIgnoredButKeepsItsEnvelope(String type) {
            var event = deliver(type, StripeFixtures.customer());

            assertThat(event).isEqualTo(new Ignored("evt_test_1", type, Instant.ofEpochSecond(CREATED), event.payload()));
        }

        @Test
        void unknownTypeWithAnUnreadableObjectIsStillIgnored() {
            String body = "{\"id\":\"evt_x\",\"object\":\"event\",\"type\":\"something.new\",\"created\":" + CREATED
                    + ",\"data\":{\"object\":[1,2,3]}}";

            assertThat(verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW)))
                    .isInstanceOf(Ignored.class);
        }

        @Test
        void otherApiVersionIsParsedFromTheRawJson() {
            String body = packBody().replace(StripeEvents.API_VERSION, "2020-08-27");

            var event = verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW));

            assertThat(event).isInstanceOf(CheckoutSessionCompleted.class);
            assertThat(((CheckoutSessionCompleted) event).metadata()).containsEntry("credits", "50000");
        }
    }

    @Nested
    class MalformedEvents {

        @Test
        void knownTypeWithoutDataObjectIsMalformedAndCarriesTheEnvelope() {
            String body = "{\"id\":\"evt_bad\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":" + CREATED
                    + ",\"data\":{}}";

            MalformedEventException e = catchThrowableOfType(MalformedEventException.class,
                    () -> verifier.verify(bytes(body), StripeEvents.signatureHeader(body, SECRET, NOW)));

            assertThat(e.eventId()).isEqualTo("evt_bad");
            assertThat(e.type()).isEqualTo("invoice.paid");
            assertThat(e.created()).isEqualTo(Instant.ofEpochSecond(CREATED));
            assertThat(e.payload()).isEqualTo(body);
            assertThat(e.code()).isEqualTo("MALFORMED_STRIPE_EVENT");
        }

        @Test
        void amountWithTheWrongJsonTypeIsMalformed() {
            JsonObject s = paidPackSession();
            s.addProperty("amount_total", "five dollars");

            assertThatThrownBy(() -> deliver("checkout.session.completed", s))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("amount_total");
        }

        @Test
        void metadataThatIsNotAnObjectIsMalformed() {
            JsonObject s = paidPackSession();
            s.add("metadata", new JsonArray());

            assertThatThrownBy(() -> deliver("checkout.session.completed", s))
                    .isInstanceOf(MalformedEventException.class);
        }

        @Test
        void objectOfAnotherKindForAKnownTypeIsMalformed() {
            assertThatThrownBy(() -> deliver("customer.subscription.updated", StripeFixtures.invoice()))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("expected subscription");
        }

        @Test
        void refundsListWithANonObjectEntryIsMalformed() {
            JsonObject c = StripeFixtures.charge();
            c.getAsJsonObject("refunds").getAsJsonArray("data").add("re_1");

            assertThatThrownBy(() -> deliver("charge.refunded", c)).isInstanceOf(MalformedEventException.class);
        }
    }

    @Nested
    class PaymentAdjustmentsAndInvoiceLines {

        @Test
        void disputeEventsCarryTheDisputeChargePaymentIntentAmountAndStatus() {
            JsonObject dispute = StripeFixtures.load("dispute");
            dispute.addProperty("payment_intent", "pi_disputed");
            var event = (BillingEvent.ChargeDispute) deliver("charge.dispute.closed", dispute);

            assertThat(event.disputeId()).isEqualTo("dp_1Pgc71B7WZ01zgkWMevJiAUx");
            assertThat(event.chargeId()).isEqualTo("ch_1PgafuB7WZ01zgkWXYmPNZs8");
            assertThat(event.paymentIntentId()).isEqualTo("pi_disputed");
            assertThat(event.amount()).isEqualTo(1000L);
            assertThat(event.status()).isEqualTo(DisputeStatus.WARNING_NEEDS_RESPONSE);
        }

        @Test
        void onlyRecurringSubscriptionLinesWithoutProrationNameThePlanAndThePaymentIsRead() {
            JsonObject invoice = StripeFixtures.invoice();
            invoice.addProperty("id", "in_lines");
            invoice.addProperty("amount_paid", 2000);
            JsonObject template = invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
            com.google.gson.JsonArray lines = new com.google.gson.JsonArray();
            String[][] specs = {{"price_item", "invoice_item_details", "false"},
                    {"price_proration", "subscription_item_details", "true"},
                    {"price_recurring", "subscription_item_details", "false"}};
            for (String[] spec : specs) {
                JsonObject line = template.deepCopy();
                JsonObject priceDetails = new JsonObject();
                priceDetails.addProperty("price", spec[0]);
                line.getAsJsonObject("pricing").add("price_details", priceDetails);
                line.getAsJsonObject("parent").addProperty("type", spec[1]);
                line.getAsJsonObject("parent").getAsJsonObject("subscription_item_details")
                        .addProperty("proration", Boolean.parseBoolean(spec[2]));
                lines.add(line);
            }
            invoice.getAsJsonObject("lines").add("data", lines);
            JsonObject payment = new JsonObject();
            payment.addProperty("type", "payment_intent");
            payment.addProperty("payment_intent", "pi_invoice");
            JsonObject invoicePayment = new JsonObject();
            invoicePayment.add("payment", payment);
            com.google.gson.JsonArray payments = new com.google.gson.JsonArray();
            payments.add(invoicePayment);
            JsonObject list = new JsonObject();
            list.add("data", payments);
            invoice.add("payments", list);

            var event = (InvoicePaid) deliver("invoice.paid", invoice);

            assertThat(event.linePriceIds()).containsExactly("price_item", "price_proration", "price_recurring");
            assertThat(event.recurringLinePriceIds()).containsExactly("price_recurring");
            assertThat(event.paymentIntentId()).isEqualTo("pi_invoice");
            assertThat(event.amountPaid()).isEqualTo(2000L);
        }
    }
}
