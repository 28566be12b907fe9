package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;

/**
 * Outcome of a model call (analytics.md "Model calls", column {@code status}). Only
 * {@link #SUCCESS} is charged (a failed call costs 0).
 */
public enum CallStatus {
    /** Still running; not final, costs 0 until it is recorded as a success. */
    PROCESSING,
    /** Completed; charged by the pricing formula. */
    SUCCESS,
    /** Failed; costs 0. */
    FAILED;

    /** Lower-case wire name: {@code processing}, {@code success} or {@code failed}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses a wire name (exact, lower case).
     *
     * @throws ValidationException field {@code status} when null or unknown
     */
    public static CallStatus fromWire(String wire) {
        for (CallStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new ValidationException("status", "must be one of processing, success, failed");
    }
}
