package dev.creditline.application.service;

import dev.creditline.application.port.in.BuyCreditPackUseCase;
import dev.creditline.application.port.in.DefaultPackCheckoutUseCase;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.domain.DomainException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment link of the User Service family: a Checkout Session for the default credit pack
 * ({@code DEFAULT_PACK}), made through {@link BuyCreditPackUseCase} (analytics.md "Credits views").
 * A link is a convenience inside a read: when Stripe is not configured, the pack has no price or
 * Stripe fails, there is no link (empty) rather than a failed read.
 */
public final class DefaultPackCheckoutService implements DefaultPackCheckoutUseCase {

    private final BuyCreditPackUseCase buy;
    private final String defaultPackId;

    /**
     * @param defaultPackId the pack the link buys, e.g. {@code starter}
     */
    public DefaultPackCheckoutService(BuyCreditPackUseCase buy, String defaultPackId) {
        this.buy = Objects.requireNonNull(buy);
        this.defaultPackId = Objects.requireNonNull(defaultPackId);
    }

    @Override
    public Optional<String> checkoutUrl(UUID userId) {
        try {
            return Optional.of(buy.startPackCheckout(userId, defaultPackId));
        } catch (DomainException | PaymentGatewayException e) {
            return Optional.empty();
        }
    }
}
