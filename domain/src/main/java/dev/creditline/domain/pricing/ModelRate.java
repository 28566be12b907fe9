package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;

import java.math.BigDecimal;

/**
 * Price of one model, in credits per 1,000 units.
 * <ul>
 *   <li>{@code input}: per 1,000 input tokens (every call type);</li>
 *   <li>{@code output}: per 1,000 output tokens for chat/embedding/custom; for image
 *       generation it is the price <em>per image</em>, for audio/video <em>per second</em>
 *       (the cost formula multiplies images/seconds by the output rate directly);</li>
 *   <li>{@code cacheWrite}, {@code cacheRead}: per 1,000 cache-creation / cache-read input
 *       tokens; {@code null} means "same as {@code input}".</li>
 * </ul>
 * Every rate is between 0 and {@value #MAX_RATE} credits (the upper bound keeps every
 * cost of a valid {@link Usage} inside a {@code long}).
 */
public record ModelRate(BigDecimal input, BigDecimal output, BigDecimal cacheWrite, BigDecimal cacheRead) {

    /** Largest accepted rate, in credits. */
    public static final long MAX_RATE = 1_000_000L;

    /**
     * Validates the components.
     *
     * @throws ValidationException fields {@code rate.input}, {@code rate.output},
     *         {@code rate.cacheWrite}, {@code rate.cacheRead} when null (input/output) or out of range
     */
    public ModelRate {
        input = check("rate.input", input);
        output = check("rate.output", output);
        cacheWrite = cacheWrite == null ? input : check("rate.cacheWrite", cacheWrite);
        cacheRead = cacheRead == null ? input : check("rate.cacheRead", cacheRead);
    }

    /** Rate with cache rates equal to the input rate. */
    public static ModelRate of(BigDecimal input, BigDecimal output) {
        return new ModelRate(input, output, null, null);
    }

    /** Whole-credit rate with cache rates equal to the input rate, e.g. {@code of(3, 15)}. */
    public static ModelRate of(long input, long output) {
        return of(BigDecimal.valueOf(input), BigDecimal.valueOf(output));
    }

    private static BigDecimal check(String field, BigDecimal rate) {
        if (rate == null) {
            throw new ValidationException(field, "is required");
        }
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(MAX_RATE)) > 0) {
            throw new ValidationException(field, "must be between 0 and " + MAX_RATE + " credits");
        }
        return rate;
    }
}
