package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What paid checkouts and invoices granted (tables {@code credit_pack_purchases},
 * {@code stripe_invoice_grants}), the per-payment lock, and refunds that arrived before their grant
 * (table {@code stripe_early_refunds}; docs/billing.md "Refunds and disputes"). Every method runs in
 * the caller's transaction when there is one.
 */
public interface PaidGrantRepository {

    /**
     * Records a granted pack purchase (once per session).
     *
     * @return false when the session was recorded before
     */
    boolean insertPurchase(PackPurchase purchase);

    /**
     * Serialises every effect on one Stripe payment: a transaction-scoped PostgreSQL advisory
     * lock per key ({@code pi:<payment intent>}, {@code ch:<charge>}, {@code in:<invoice>}),
     * taken in sorted order and before any row lock, so a refund or dispute arriving while its
     * purchase is being granted is seen by one of the two transactions.
     *
     * @param keys the payment's keys; nulls are skipped
     */
    void lockPayment(List<String> keys);

    /** The grant paid by this payment intent, charge or invoice (any may be null), without a lock. */
    Optional<PaidGrant> findGrant(String paymentIntentId, String chargeId, String invoiceId);

    /** The grant, row locked until the transaction ends. */
    Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key);

    /** Adds a clawback to a grant: refunded cents applied, credits debited and forgiven. */
    void addClawback(PaidGrant.Kind kind, String key, long refundedCents, long creditsClawedBack, long creditsForgiven);

    /**
     * Records the allowance granted for a paid subscription invoice (once per invoice).
     *
     * @return false when the invoice was recorded before
     */
    boolean insertInvoiceGrant(PaidGrant grant, Instant grantedAt);

    /** Remembers a refund event whose payment has no grant yet, to apply when the grant is made. */
    void recordEarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                           Instant eventCreated);

    /**
     * Removes and returns the stored payloads of early refund events of this payment (any key may
     * be null), oldest event first ({@code created}, then event id).
     */
    List<String> takeEarlyRefunds(String paymentIntentId, String chargeId, String invoiceId);
}
