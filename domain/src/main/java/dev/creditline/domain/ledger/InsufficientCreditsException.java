package dev.creditline.domain.ledger;

import dev.creditline.domain.DomainException;

/**
 * A debit or reservation larger than the balance. Nothing was written. HTTP 402 with
 * {@code required} and {@code balance} (api.md "Metering").
 */
public class InsufficientCreditsException extends DomainException {

    private final long required;
    private final long balance;

    /**
     * @param required credits the operation needs
     * @param balance  credits the user has
     */
    public InsufficientCreditsException(long required, long balance) {
        super("Not enough credits: " + required + " required, " + balance + " available.");
        this.required = required;
        this.balance = balance;
    }

    public long required() {
        return required;
    }

    public long balance() {
        return balance;
    }

    @Override
    public String code() {
        return "INSUFFICIENT_CREDITS";
    }
}
