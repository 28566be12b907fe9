package dev.creditline.domain.ledger;

import dev.creditline.domain.ValidationException;

/**
 * Rules for amounts of credits, the integer unit of prepaid value.
 */
public final class Credits {

    /** Largest amount accepted in one request: one trillion credits. Guards against overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    private Credits() {
    }

    /**
     * Checks an amount that must be a positive number of credits.
     *
     * @param field the input field name, reported in the error
     * @return the amount
     * @throws ValidationException when the amount is not in 1..{@link #MAX_AMOUNT}
     */
    public static long requirePositive(String field, long amount) {
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw new ValidationException(field, "must be a whole number of credits from 1 to " + MAX_AMOUNT);
        }
        return amount;
    }
}
