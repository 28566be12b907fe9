package dev.creditline.rest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.creditline.rest.json.Uuids;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies guest tokens (api.md "Guest"): compact JWS, {@code alg}
 * exactly HS256, key = the UTF-8 bytes of {@code GUEST_SECRET}; claims {@code sub} (a random guest
 * UUID), {@code typ = "guest"}, {@code iat} and {@code exp} (Unix seconds, {@code exp = iat + 24 h}).
 * Verification allows {@link BearerTokenVerifier#CLOCK_SKEW} (15 s) on {@code exp} and
 * {@code iat}. Without a secret the tokens are {@linkplain #configured() disabled} and every
 * method refuses. Immutable and thread-safe.
 */
public final class GuestTokens {

    /** Lifetime of a guest token and its cookie: 24 hours. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** The {@code typ} claim of a guest token. */
    public static final String TYPE = "guest";
    /** Shortest accepted {@code GUEST_SECRET}, in UTF-8 bytes (HS256 needs a 256-bit key). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Longest accepted token, in characters. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final byte[] secret;
    private final Clock clock;

    /**
     * An issued token.
     *
     * @param guestId   the new guest's id ({@code sub})
     * @param token     the compact JWS
     * @param expiresAt its {@code exp}, a UTC instant with second precision
     */
    public record Issued(UUID guestId, String token, Instant expiresAt) {
    }

    /**
     * @param secret {@code GUEST_SECRET}; empty or blank disables guest tokens
     * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_BYTES} bytes
     */
    public GuestTokens(Optional<String> secret, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (this.secret != null && this.secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("GUEST_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    /** Whether {@code GUEST_SECRET} is set; if not, {@link #issue()} and {@link #verify} refuse. */
    public boolean configured() {
        return secret != null;
    }

    /**
     * Signs a token for a new random guest id, valid for {@link #LIFETIME}.
     *
     * @throws IllegalStateException when no secret is configured
     */
    public Issued issue() {
        if (secret == null) {
            throw new IllegalStateException("GUEST_SECRET is not set");
        }
        UUID guestId = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(guestId.toString())
                .claim("typ", TYPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return new Issued(guestId, jwt.serialize(), exp);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a guest token", e);
        }
    }

    /**
     * Verifies a guest token.
     *
     * @return the guest id ({@code sub})
     * @throws InvalidTokenException for anything but a valid, unexpired guest token signed with
     *         {@code GUEST_SECRET} (including when no secret is configured)
     */
    public UUID verify(String token) {
        if (secret == null) {
            throw new InvalidTokenException("no guest secret configured");
        }
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("empty or oversized token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                throw new InvalidTokenException("unsupported JWS algorithm");
            }
            if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
                throw new InvalidTokenException("crit header not accepted");
            }
            if (!jwt.verify(new MACVerifier(secret))) {
                throw new InvalidTokenException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!TYPE.equals(claims.getStringClaim("typ"))) {
                throw new InvalidTokenException("not a guest token");
            }
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            if (exp == null || iat == null) {
                throw new InvalidTokenException("missing exp or iat claim");
            }
            Instant now = clock.instant();
            if (now.isAfter(exp.toInstant().plus(BearerTokenVerifier.CLOCK_SKEW))) {
                throw new InvalidTokenException("token expired");
            }
            if (iat.toInstant().isAfter(now.plus(BearerTokenVerifier.CLOCK_SKEW))) {
                throw new InvalidTokenException("token issued in the future");
            }
            return Uuids.parse(claims.getSubject()).orElseThrow(() -> new InvalidTokenException("sub is not a UUID"));
        } catch (InvalidTokenException e) {
            throw e;
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
    }
}
