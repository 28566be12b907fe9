package dev.creditline.domain.billing;

/**
 * An invoice's status as the payment provider reports it (not stored). The provider's adapter
 * maps its wire value to a constant; a value it does not know is {@link #UNKNOWN}, which grants
 * nothing.
 */
public enum InvoiceStatus {
    /** Still being edited; not due. */
    DRAFT,
    /** Finalised and awaiting payment. */
    OPEN,
    /** Paid in full. */
    PAID,
    /** Given up on as uncollectible. */
    UNCOLLECTIBLE,
    /** Voided. */
    VOID,
    /** A status the adapter does not know. */
    UNKNOWN
}
