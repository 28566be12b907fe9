package dev.creditline.rest.auth;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code Authorization: Bearer} tokens (spec: api.md "Authentication"; stack.md
 * gotcha 8; lessons.md items 20 and 24). Two token shapes are accepted:
 *
 * <ol>
 *   <li><b>JWS</b> (3 parts), {@code alg} exactly {@code HS256}, HMAC key = the UTF-8 bytes of a
 *       configured secret. Any other {@code alg} ({@code none}, HS384, HS512, RS*, ES*, …) is
 *       rejected.</li>
 *   <li><b>Auth.js v5 session token</b> (5-part JWE), {@code alg=dir}, {@code enc=A256CBC-HS512}
 *       (64-byte key) or {@code A256GCM} (32-byte key). Key =
 *       {@code HKDF-SHA256(ikm = secret UTF-8, salt = cookie name,
 *       info = "Auth.js Generated Encryption Key (" + cookie name + ")")}, for both default cookie
 *       names {@value #AUTHJS_COOKIE} and {@value #AUTHJS_SECURE_COOKIE}. If the header's
 *       {@code kid} (Auth.js sets the key's RFC 7638 thumbprint) names a known key only that key
 *       is tried, otherwise every derived key for the {@code enc}.</li>
 * </ol>
 *
 * <p>Both shapes need claims {@code sub} (a canonical UUID string), {@code exp} and {@code iat}
 * (NumericDate, seconds). {@code exp} may be up to {@link #CLOCK_SKEW} (15 s) in the past,
 * {@code iat} and an optional {@code nbf} up to 15 s in the future. An optional string
 * {@code role} claim is passed through. Any {@code crit} header, and {@code zip}, are rejected.
 * Tokens longer than {@link #MAX_TOKEN_LENGTH} characters are rejected before parsing.
 *
 * <p>Every failure — including garbage input — is an {@link InvalidTokenException}; nothing
 * else escapes {@link #verify(String)}. All derived keys are computed once in the constructor;
 * instances are immutable and thread-safe.
 */
public final class BearerTokenVerifier {

    /** Largest accepted token, in characters (16 KiB). */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** Tolerance applied to {@code exp}, {@code iat} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(15);
    /** Auth.js v5 default session cookie name over HTTP; also the HKDF salt. */
    public static final String AUTHJS_COOKIE = "authjs.session-token";
    /** Auth.js v5 default session cookie name over HTTPS; also the HKDF salt. */
    public static final String AUTHJS_SECURE_COOKIE = "__Secure-authjs.session-token";

    private static final String HMAC_SHA256 = "HmacSHA256";

    private final List<SecretKeySpec> hmacKeys;
    private final List<JweKey> jweKeys;
    private final Clock clock;

    private record JweKey(EncryptionMethod enc, String kid, DirectDecrypter decrypter) {}

    /**
     * @param secrets {@code AUTH_SECRET} then {@code AUTH_SECRET_1..3}, in that order; {@code null},
     *                empty and blank entries are ignored. With no usable secret every token is
     *                rejected (an empty secret never authenticates anything — docs/lessons.md, row 24).
     * @param clock   source of "now" for {@code exp}/{@code iat}/{@code nbf} checks
     */
    public BearerTokenVerifier(List<String> secrets, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<SecretKeySpec> macs = new ArrayList<>();
        List<JweKey> jwes = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) {
                continue;
            }
            byte[] ikm = secret.getBytes(StandardCharsets.UTF_8);
            macs.add(new SecretKeySpec(ikm, HMAC_SHA256));
            for (String salt : List.of(AUTHJS_COOKIE, AUTHJS_SECURE_COOKIE)) {
                jwes.add(jweKey(ikm, salt, EncryptionMethod.A256CBC_HS512, 64, "SHA-512"));
                jwes.add(jweKey(ikm, salt, EncryptionMethod.A256GCM, 32, "SHA-256"));
            }
        }
        this.hmacKeys = List.copyOf(macs);
        this.jweKeys = List.copyOf(jwes);
    }

    private static JweKey jweKey(byte[] ikm, String salt, EncryptionMethod enc, int length, String thumbprintHash) {
        byte[] key = Hkdf.derive(ikm, salt.getBytes(StandardCharsets.UTF_8),
                ("Auth.js Generated Encryption Key (" + salt + ")").getBytes(StandardCharsets.UTF_8), length);
        try {
            String kid = new OctetSequenceKey.Builder(key).build().computeThumbprint(thumbprintHash).toString();
            return new JweKey(enc, kid, new DirectDecrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot set up Auth.js decrypter for " + enc, e);
        }
    }

    /** @return whether at least one non-blank secret is configured; if not, {@link #verify} rejects everything */
    public boolean hasSecrets() {
        return !hmacKeys.isEmpty();
    }

    /**
     * Verifies a bearer token (the part after {@code "Bearer "}).
     *
     * @param token compact JWS or JWE serialization
     * @return the user id, optional role and expiry
     * @throws InvalidTokenException on any failure, with a short reason that never contains the token
     */
    public VerifiedToken verify(String token) {
        if (hmacKeys.isEmpty()) {
            throw new InvalidTokenException("no auth secret configured");
        }
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("empty token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token too large");
        }
        if (!isCompactSerializationAlphabet(token)) {
            throw new InvalidTokenException("malformed token");
        }
        try {
            JOSEObject parsed = JOSEObject.parse(token);
            Payload payload;
            if (parsed instanceof JWSObject jws) {
                payload = verifyJws(jws);
            } else if (parsed instanceof JWEObject jwe) {
                payload = decryptJwe(jwe);
            } else {
                throw new InvalidTokenException("unsecured token (alg none)");
            }
            return checkClaims(payload);
        } catch (InvalidTokenException e) {
            throw e;
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token");
        } catch (RuntimeException e) {
            // Lesson 20: a hostile token must never surface as an unchecked crash (500).
            throw new InvalidTokenException("malformed token");
        }
    }

    private Payload verifyJws(JWSObject jws) {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("unsupported JWS algorithm");
        }
        rejectCrit(header.getCriticalParams());
        byte[] signingInput = jws.getSigningInput();
        byte[] signature = jws.getSignature().decode();
        for (SecretKeySpec key : hmacKeys) {
            if (MessageDigest.isEqual(hmac(key, signingInput), signature)) {
                return jws.getPayload();
            }
        }
        throw new InvalidTokenException("bad signature");
    }

    private Payload decryptJwe(JWEObject jwe) {
        JWEHeader header = jwe.getHeader();
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("unsupported JWE algorithm");
        }
        EncryptionMethod enc = header.getEncryptionMethod();
        if (!EncryptionMethod.A256CBC_HS512.equals(enc) && !EncryptionMethod.A256GCM.equals(enc)) {
            throw new InvalidTokenException("unsupported JWE encryption");
        }
        rejectCrit(header.getCriticalParams());
        if (header.getCompressionAlgorithm() != null) {
            throw new InvalidTokenException("compressed JWE not accepted");
        }
        String kid = header.getKeyID();
        List<JweKey> candidates = jweKeys.stream().filter(k -> k.enc().equals(enc)).toList();
        List<JweKey> byKid = kid == null ? List.of()
                : candidates.stream().filter(k -> k.kid().equals(kid)).toList();
        for (JweKey key : byKid.isEmpty() ? candidates : byKid) {
            try {
                jwe.decrypt(key.decrypter());
                return jwe.getPayload();
            } catch (JOSEException e) {
                // wrong key (auth tag mismatch) or corrupt ciphertext: try the next key
            }
        }
        throw new InvalidTokenException("cannot decrypt token");
    }

    private VerifiedToken checkClaims(Payload payload) throws ParseException {
        Map<String, Object> json = payload == null ? null : payload.toJSONObject();
        if (json == null) {
            throw new InvalidTokenException("payload is not a JSON object");
        }
        JWTClaimsSet claims = JWTClaimsSet.parse(json);
        String sub = claim(() -> claims.getSubject(), "malformed sub claim");
        Date exp = claim(() -> claims.getExpirationTime(), "malformed exp claim");
        Date iat = claim(() -> claims.getIssueTime(), "malformed iat claim");
        Date nbf = claim(() -> claims.getNotBeforeTime(), "malformed nbf claim");
        String role = claim(() -> claims.getStringClaim("role"), "malformed role claim");
        if (sub == null) {
            throw new InvalidTokenException("missing sub claim");
        }
        if (exp == null) {
            throw new InvalidTokenException("missing exp claim");
        }
        if (iat == null) {
            throw new InvalidTokenException("missing iat claim");
        }
        Instant now = clock.instant();
        if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token expired");
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token issued in the future");
        }
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token not yet valid");
        }
        return new VerifiedToken(parseUuid(sub), Optional.ofNullable(role), exp.toInstant());
    }

    /** Canonical 8-4-4-4-12 hex only; {@link UUID#fromString} alone also accepts forms like "1-2-3-4-5". */
    private static UUID parseUuid(String sub) {
        if (sub.length() == 36) {
            try {
                UUID uuid = UUID.fromString(sub);
                if (uuid.toString().equals(sub.toLowerCase(Locale.ROOT))) {
                    return uuid;
                }
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw new InvalidTokenException("sub is not a UUID");
    }

    private interface ClaimReader<T> {
        T read() throws ParseException;
    }

    private static <T> T claim(ClaimReader<T> reader, String reason) {
        try {
            return reader.read();
        } catch (ParseException e) {
            throw new InvalidTokenException(reason);
        }
    }

    private static void rejectCrit(java.util.Set<String> crit) {
        if (crit != null && !crit.isEmpty()) {
            throw new InvalidTokenException("crit header not accepted");
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Base64url characters and the dots between parts; rejects whitespace, padding and anything else. */
    private static boolean isCompactSerializationAlphabet(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
