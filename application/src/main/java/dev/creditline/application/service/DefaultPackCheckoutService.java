package dev.creditline.application.service;

import dev.creditline.application.port.in.DefaultPackCheckoutUseCase;
import dev.creditline.application.port.in.FollowPaymentLinkUseCase;
import dev.creditline.domain.billing.InvalidPaymentLinkException;
import dev.creditline.application.port.out.billing.LinkSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment link of the User Service family (analytics.md "Credits views"; docs/billing.md
 * "Payment link"). Reading it has no side effect and never calls Stripe: the link is a signed,
 * short-lived Creditline URL
 * {@code /api/billing/payment-link/checkout?user=<id>&exp=<unix s>&sig=<HMAC>}; following it
 * ({@link #follow}) creates or reuses the user's open Checkout Session for the default pack
 * ({@code DEFAULT_PACK}) and redirects there.
 *
 * <p>The signature is HMAC-SHA256 of {@code "<user id>.<exp>"} under a key derived from an
 * existing secret (the first {@code AUTH_SECRET}); {@code exp} is rounded up to the next whole
 * hour plus one, so every read within an hour gives the same link, valid for one to two hours.
 */
public final class DefaultPackCheckoutService implements DefaultPackCheckoutUseCase, FollowPaymentLinkUseCase {

    /** Path of the link below the service's base URL. */
    public static final String PATH = "/api/billing/payment-link/checkout";
    private static final long HOUR = Duration.ofHours(1).toSeconds();

    private final BillingService billing;
    private final String defaultPackId;
    private final Optional<LinkSigner> signer;
    private final Clock clock;

    /**
     * @param defaultPackId the pack the link buys, e.g. {@code starter}
     * @param signer        signs the links; empty (no secret configured): no link is offered
     */
    public DefaultPackCheckoutService(BillingService billing, String defaultPackId, Optional<LinkSigner> signer,
                                      Clock clock) {
        this.billing = Objects.requireNonNull(billing);
        this.defaultPackId = Objects.requireNonNull(defaultPackId);
        this.signer = signer;
        this.clock = clock;
    }

    /** {@inheritDoc} A relative URL ({@link #PATH} and its query); no write, no Stripe call. */
    @Override
    public Optional<String> checkoutUrl(UUID userId) {
        if (signer.isEmpty()) {
            return Optional.empty();
        }
        long exp = (Math.floorDiv(clock.instant().getEpochSecond(), HOUR) + 2) * HOUR;
        return Optional.of(PATH + "?user=" + userId + "&exp=" + exp + "&sig=" + sign(userId, exp));
    }

    @Override
    public String follow(UUID userId, long expiresAt, String signature) {
        if (signer.isEmpty() || signature == null) {
            throw new InvalidPaymentLinkException("This payment link is not valid.");
        }
        byte[] expected = sign(userId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidPaymentLinkException("This payment link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw new InvalidPaymentLinkException("This payment link has expired: open the billing page again.");
        }
        return billing.openPackCheckout(userId, defaultPackId);
    }

    private String sign(UUID userId, long exp) {
        return signer.orElseThrow().sign(userId + "." + exp);
    }
}
