package dev.creditline.application.port.out.billing;

/**
 * State of a Checkout Session as the provider reports it now.
 *
 * @param sessionId     session id ({@code cs_...})
 * @param status        {@code open}, {@code complete} or {@code expired} (or {@code null}
 *                      if absent; other values are passed through unchanged)
 * @param paymentStatus {@code paid}, {@code unpaid} or {@code no_payment_required}
 *                      (or {@code null} if absent)
 */
public record CheckoutSessionStatus(String sessionId, String status, String paymentStatus) {

    /** {@code true} when the status is {@code open}. */
    public boolean isOpen() {
        return "open".equals(status);
    }

    /** {@code true} when the status is {@code complete}. */
    public boolean isComplete() {
        return "complete".equals(status);
    }

    /** {@code true} when the status is {@code expired}. */
    public boolean isExpired() {
        return "expired".equals(status);
    }
}
