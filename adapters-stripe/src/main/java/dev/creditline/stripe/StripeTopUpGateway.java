package dev.creditline.stripe;

import com.google.gson.JsonObject;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.topup.OffSessionCharge;
import dev.creditline.application.port.out.topup.TopUpGateway;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link TopUpGateway} on the billing gateway's Stripe client (same key, base, retries, error
 * translation and scrubbing).
 */
public final class StripeTopUpGateway implements TopUpGateway {

    private final StripePaymentGateway stripe;

    public StripeTopUpGateway(StripePaymentGateway stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/payment_intents}: {@code amount}, {@code currency}, {@code customer},
     * {@code payment_method}, {@code confirm=true}, {@code off_session=true}, {@code return_url},
     * {@code metadata[user_id|topup_attempt_id|pack_id|credits]}; idempotency key {@code topup_<attempt id>}.
     */
    @Override
    public ChargeResult chargeOffSession(OffSessionCharge c) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(c.amountCents())
                .setCurrency(c.currency())
                .setCustomer(c.customerId())
                .setPaymentMethod(c.paymentMethodId())
                .setConfirm(true)
                .setOffSession(true)
                .setReturnUrl(c.returnUrl())
                .setDescription("Auto top-up: credit pack " + c.packId())
                .putMetadata("user_id", c.userId().toString())
                .putMetadata("topup_attempt_id", c.attemptId().toString())
                .putMetadata("pack_id", c.packId())
                .putMetadata("credits", Long.toString(c.credits()))
                .build();
        PaymentIntent pi = stripe.call("create off-session payment intent",
                () -> stripe.client().v1().paymentIntents().create(params,
                        StripePaymentGateway.withKey(c.idempotencyKey())));
        if (pi.getId() == null) {
            throw new PaymentGatewayException("Stripe create off-session payment intent failed: answer has no id");
        }
        String url = null;
        try {
            JsonObject raw = pi.getRawJsonObject();
            url = raw == null ? null : StripeJson.text(raw, "next_action", "redirect_to_url", "url");
        } catch (RuntimeException e) {
            // no usable link: the service points the customer at the billing page instead
        }
        return new ChargeResult(pi.getId(), StripeStatuses.paymentIntent(pi.getStatus()), url);
    }

    @Override
    public String createCustomer(UUID userId, String email, String idempotencyKey) {
        return stripe.createCustomer(userId, email, idempotencyKey);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/checkout/sessions}: {@code mode=setup}, {@code currency=usd}, {@code customer},
     * {@code client_reference_id}, {@code metadata[user_id]}, {@code setup_intent_data[metadata][user_id]},
     * success URL {@code <frontend>/billing?payment_method=saved}, cancel URL {@code <frontend>/billing?canceled=1}.
     */
    @Override
    public CheckoutSession createSetupCheckout(UUID userId, String customerId, String frontendUrl,
                                               String idempotencyKey) {
        String base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("usd")
                .setCustomer(customerId)
                .setClientReferenceId(userId.toString())
                .putMetadata("user_id", userId.toString())
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                        .putMetadata("user_id", userId.toString())
                        .build())
                .setSuccessUrl(base + "/billing?payment_method=saved")
                .setCancelUrl(base + "/billing?canceled=1")
                .build();
        Session session = stripe.call("create setup checkout session",
                () -> stripe.client().v1().checkout().sessions().create(params,
                        StripePaymentGateway.withKey(idempotencyKey)));
        if (session.getId() == null || session.getUrl() == null) {
            throw new PaymentGatewayException("Stripe create setup checkout session failed: answer has no id or url");
        }
        return new CheckoutSession(session.getId(), session.getUrl(),
                session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt()));
    }
}
