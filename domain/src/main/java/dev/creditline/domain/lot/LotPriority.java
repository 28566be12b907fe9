package dev.creditline.domain.lot;

import dev.creditline.domain.ValidationException;

/** The burn priority of a lot: 0..100, lower burns first (docs/lots.md). */
public final class LotPriority {

    /** Lowest priority value (burns first). */
    public static final int MIN = 0;
    /** Highest priority value (burns last). */
    public static final int MAX = 100;

    private LotPriority() {
    }

    /**
     * Checks a priority given by a caller.
     *
     * @param field the input field, reported in the error
     * @throws ValidationException outside 0..100
     */
    public static int require(String field, int priority) {
        if (priority < MIN || priority > MAX) {
            throw new ValidationException(field, "must be a whole number from " + MIN + " to " + MAX);
        }
        return priority;
    }

    static void check(int priority) {
        if (priority < MIN || priority > MAX) {
            throw new IllegalArgumentException("priority must be 0..100");
        }
    }
}
