package dev.creditline.bootstrap;

import dev.creditline.application.port.out.billing.LinkSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link LinkSigner} with HMAC-SHA256 under a key derived from an existing secret (HMAC of a
 * fixed purpose label), so the payment link needs no secret of its own and its key is not the
 * bearer tokens' key.
 */
final class HmacLinkSigner implements LinkSigner {

    private final byte[] key;

    /**
     * @param secret  the secret the key is derived from (e.g. the first {@code AUTH_SECRET})
     * @param purpose the label that makes the derived key specific to one use
     */
    HmacLinkSigner(String secret, String purpose) {
        this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), purpose);
    }

    @Override
    public String sign(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, text));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
