package dev.creditline.application.port.out.topup;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Auto top-up settings, attempts and the saved payment method. Every method joins the caller's
 * transaction; the conditional updates make each status change happen once whatever the order
 * of the worker's answer and Stripe's webhooks.
 */
public interface TopUpRepository {

    /** The user's setting, if one was saved. */
    Optional<AutoTopUpSettings> settings(UUID userId);

    /**
     * Saves the setting and mirrors it on the user's row ({@code auto_topup_threshold}: the
     * threshold when enabled, else null) so balance changes see it without another read.
     * Enabling resets the failures in a row.
     *
     * @return false when the user does not exist
     */
    boolean saveSettings(UUID userId, AutoTopUpSettings settings, Instant now);

    /** The user's e-mail, Stripe customer and saved payment method; empty when the user does not exist. */
    Optional<PaymentSource> paymentSource(UUID userId);

    /** Stores the Stripe customer when the user has none; false when the user has another one. */
    boolean setCustomerIfAbsent(UUID userId, String customerId);

    /** The user whose Stripe customer is {@code customerId}. */
    Optional<UUID> userByCustomer(String customerId);

    /** Saves the payment method for off-session top-ups (and the customer when the user has none). */
    boolean savePaymentMethod(UUID userId, String customerId, String paymentMethodId);

    /**
     * Records a top-up attempt in the balance change's transaction (the user's row is locked):
     * {@code pending} when fewer than {@code monthlyLimit} attempts that are not failed were
     * created since {@code monthStart}, else {@code failed} with reason {@code monthly_limit}.
     * Nothing when an attempt is open already (partial unique index).
     *
     * @return the attempt recorded, or empty
     */
    Optional<TopUpAttempt> openAttempt(TopUpAttempt attempt, int monthlyLimit, Instant monthStart);

    /** An attempt by id. */
    Optional<TopUpAttempt> attempt(UUID userId, UUID attemptId);

    /** {@code pending} → {@code processing} with the PaymentIntent; false when it had moved on. */
    boolean markProcessing(UUID userId, UUID attemptId, String paymentIntentId, Instant now);

    /** An open attempt → {@code requires_action}; the attempt after, or empty when it had moved on. */
    Optional<TopUpAttempt> markRequiresAction(UUID userId, UUID attemptId, String paymentIntentId, String actionUrl,
                                              Instant now);

    /** A not-settled attempt → {@code failed}; the attempt after, or empty when it was settled already. */
    Optional<TopUpAttempt> markFailed(UUID userId, UUID attemptId, String paymentIntentId, String reason,
                                      Instant now);

    /** Any attempt but a succeeded one → {@code succeeded}; the attempt after, or empty when it had succeeded. */
    Optional<TopUpAttempt> markSucceeded(UUID userId, UUID attemptId, String paymentIntentId, Instant now);

    /**
     * Counts a payment failure; at {@code maxInARow} failures in a row auto top-up is switched off.
     *
     * @return true when this failure switched it off
     */
    boolean countFailure(UUID userId, int maxInARow, Instant now);

    /** A paid top-up: the failures in a row start again from 0. */
    void resetFailures(UUID userId);
}
