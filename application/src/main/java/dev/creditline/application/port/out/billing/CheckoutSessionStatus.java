package dev.creditline.application.port.out.billing;

/**
 * State of a Checkout Session as the provider reports it now.
 *
 * @param sessionId     session id ({@code cs_...})
 * @param status        {@link CheckoutSessionState#OPEN}, {@code COMPLETE} or {@code EXPIRED}; null if
 *                      absent or a value the adapter does not know
 * @param paymentStatus {@link CheckoutPaymentStatus#PAID}, {@code UNPAID} or {@code NO_PAYMENT_REQUIRED};
 *                      null if absent or a value the adapter does not know
 */
public record CheckoutSessionStatus(String sessionId, CheckoutSessionState status, CheckoutPaymentStatus paymentStatus) {

    /** {@code true} when the status is {@link CheckoutSessionState#OPEN}. */
    public boolean isOpen() {
        return status == CheckoutSessionState.OPEN;
    }

    /** {@code true} when the status is {@link CheckoutSessionState#COMPLETE}. */
    public boolean isComplete() {
        return status == CheckoutSessionState.COMPLETE;
    }

    /** {@code true} when the status is {@link CheckoutSessionState#EXPIRED}. */
    public boolean isExpired() {
        return status == CheckoutSessionState.EXPIRED;
    }
}
