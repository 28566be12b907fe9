package dev.creditline.application.port.out.billing;

/**
 * A webhook request was refused before any effect: the {@code Stripe-Signature} header is
 * missing or malformed, no signature matches the body under the webhook secret, the signed
 * timestamp is more than 300 s old or more than 300 s in the future, or the body is not a
 * readable event envelope (not UTF-8 JSON, or lacking {@code id}, {@code type},
 * {@code created}). Spec: billing.md "Webhook" step 1. The HTTP adapter answers 400.
 *
 * <p>The message never contains the secret or the expected signature.
 */
public class WebhookSignatureException extends RuntimeException {

    /** Stable error code. */
    public static final String CODE = "WEBHOOK_SIGNATURE_INVALID";

    /** Why the request was refused; useful for logs and metrics. */
    public enum Reason {
        /** No {@code Stripe-Signature} header, or an empty one. */
        MISSING_HEADER,
        /** Header unreadable, or no {@code v1} signature matches the body. */
        BAD_SIGNATURE,
        /** Signed timestamp older than the tolerance (300 s). */
        STALE_TIMESTAMP,
        /** Signed timestamp more than the tolerance (300 s) ahead of our clock. */
        FUTURE_TIMESTAMP,
        /** Signature valid but the body is not a readable event envelope. */
        UNPARSABLE_BODY
    }

    private final Reason reason;

    /**
     * @param reason  why the request was refused
     * @param message safe description (no secret, no expected signature)
     */
    public WebhookSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }

    /** Always {@value #CODE}. */
    public String code() {
        return CODE;
    }
}
