package dev.creditline.rest.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), used to derive Auth.js v5 session-token keys
 * (spec: api.md "Authentication"; stack.md gotcha 8 — nimbus has no HKDF).
 *
 * <p>All lengths are in bytes. Stateless and thread-safe.
 */
public final class Hkdf {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int HASH_LEN = 32;

    private Hkdf() {}

    /**
     * Extract then expand.
     *
     * @param ikm    input keying material (may be empty, never null)
     * @param salt   salt; empty means {@code HashLen} zero bytes, as RFC 5869 §2.2 says
     * @param info   context information (may be empty)
     * @param length output length in bytes, 0..8160 (255 × 32)
     * @return {@code length} bytes of output keying material
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    /** RFC 5869 §2.2: {@code PRK = HMAC-SHA256(salt, IKM)}; returns 32 bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return mac(salt.length == 0 ? new byte[HASH_LEN] : salt).doFinal(ikm);
    }

    /** RFC 5869 §2.3: {@code T(i) = HMAC(PRK, T(i-1) | info | i)}, truncated to {@code length} bytes. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF output length must be 0.." + 255 * HASH_LEN + ", was " + length);
        }
        Mac mac = mac(prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, offset = 0; offset < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(HASH_LEN, length - offset);
            System.arraycopy(t, 0, okm, offset, n);
            offset += n;
        }
        return okm;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
