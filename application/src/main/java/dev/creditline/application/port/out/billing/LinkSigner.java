package dev.creditline.application.port.out.billing;

/**
 * Signs short texts with a server-side secret (the payment link, docs/billing.md "Payment link").
 * Implementations are keyed HMACs; the same text always gives the same signature.
 */
public interface LinkSigner {

    /**
     * @param text what to sign, e.g. {@code "<user id>.<expiry>"}
     * @return the signature, URL-safe base64 without padding
     */
    String sign(String text);
}
