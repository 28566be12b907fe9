package dev.creditline.application.port.in;

import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import java.util.UUID;

/**
 * Auto top-up settings and the saved payment method (events.md "Auto top-up"). Every method
 * throws {@link BillingNotConfiguredException} (503) when Stripe is not configured.
 */
public interface AutoTopUpUseCase {

    /** The user's setting (defaults when never saved: disabled). */
    AutoTopUpView autoTopUp(UUID userId);

    /**
     * Saves the setting.
     *
     * @throws ValidationException field {@code threshold}, {@code packId} or {@code monthlyLimit}
     */
    AutoTopUpView updateAutoTopUp(UUID userId, UpdateAutoTopUp update);

    /** Opens a Stripe Checkout Session in {@code setup} mode that saves a card for top-ups. */
    CheckoutSession openPaymentMethodSetup(UUID userId);

    /**
     * @param enabled      switch
     * @param threshold    credits, ≥ 0
     * @param packId       a purchasable pack
     * @param monthlyLimit top-ups per UTC calendar month, 0..1000
     */
    record UpdateAutoTopUp(boolean enabled, long threshold, String packId, int monthlyLimit) {
    }

    /**
     * @param enabled             switch (false after 3 failures in a row)
     * @param threshold           credits, or null when never set
     * @param packId              pack, or null when never set
     * @param monthlyLimit        top-ups per UTC month, or null when never set
     * @param consecutiveFailures payment failures in a row
     * @param paymentMethodSaved  whether a card is saved for off-session charges
     */
    record AutoTopUpView(boolean enabled, Long threshold, String packId, Integer monthlyLimit,
                         int consecutiveFailures, boolean paymentMethodSaved) {
    }
}
