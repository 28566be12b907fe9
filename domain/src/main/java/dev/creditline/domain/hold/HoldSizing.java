package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;

/**
 * The largest a model call can cost, from what is known before it runs (sized holds):
 * the prompt's tokens and the call's upper bound, which depends on how the type is priced —
 * {@code maxOutputTokens} for chat, embedding and custom calls, {@code maxImages} for image generation,
 * {@code maxMediaSeconds} for audio and video. The hold's amount is the pricing table's cost of that
 * maximum usage ({@link PricingTable#cost}), so a call that stays within its bounds never costs more
 * than was reserved. Input tokens are priced at the input rate unless the caller splits them into
 * cache-write and cache-read tokens.
 *
 * @param model                    model name (unknown → the table's default rate)
 * @param type                     call type, decides which bound applies
 * @param inputTokens              prompt tokens at the input rate, 0..{@link Usage#MAX}
 * @param cacheCreationInputTokens prompt tokens written to the cache, 0..{@link Usage#MAX}
 * @param cacheReadInputTokens     prompt tokens read from the cache, 0..{@link Usage#MAX}
 * @param maxOutputTokens          most output tokens (token-priced types), 0..ceiling
 * @param maxImages                most images (image generation), 0..{@link Usage#MAX}
 * @param maxMediaSeconds          most seconds of media (audio, video), 0..{@link Usage#MAX}
 */
public record HoldSizing(String model, CallType type, long inputTokens, long cacheCreationInputTokens,
                         long cacheReadInputTokens, long maxOutputTokens, long maxImages, long maxMediaSeconds) {

    /** Name of the bound each kind of call type needs. */
    public static String boundField(CallType type) {
        if (type.isTokenPriced()) {
            return "maxOutputTokens";
        }
        return type == CallType.IMAGE_GENERATION ? "maxImages" : "maxMediaSeconds";
    }

    /**
     * Validates the shapes (fields named as the caller spells them).
     *
     * @throws ValidationException {@code model} when blank or over 200 characters, {@code type} when null,
     *         a count's name when out of range
     */
    public HoldSizing {
        if (model == null || model.isBlank()) {
            throw new ValidationException("model", "is required");
        }
        if (model.length() > 200) {
            throw new ValidationException("model", "must be at most 200 characters");
        }
        if (type == null) {
            throw new ValidationException("type", "is required");
        }
        count("inputTokens", inputTokens, Usage.MAX);
        count("cacheCreationInputTokens", cacheCreationInputTokens, Usage.MAX);
        count("cacheReadInputTokens", cacheReadInputTokens, Usage.MAX);
        count("maxOutputTokens", maxOutputTokens, Usage.MAX);
        count("maxImages", maxImages, Usage.MAX);
        count("maxMediaSeconds", maxMediaSeconds, Usage.MAX);
    }

    /**
     * The credits to reserve: the pricing table's cost of the maximum usage.
     *
     * @param maxOutputTokensCeiling configured ceiling on {@code maxOutputTokens} (≥ 1)
     * @throws ValidationException {@code maxOutputTokens} over the ceiling
     */
    public long amount(PricingTable pricing, long maxOutputTokensCeiling) {
        if (maxOutputTokens > maxOutputTokensCeiling) {
            throw new ValidationException("maxOutputTokens", "must be at most " + maxOutputTokensCeiling
                    + " (HOLD_MAX_OUTPUT_TOKENS)");
        }
        return pricing.cost(model, type, CallStatus.SUCCESS, maximumUsage());
    }

    /** The usage the reservation is priced at: the bound of the type, the other bounds ignored. */
    public Usage maximumUsage() {
        return new Usage(inputTokens, type.isTokenPriced() ? maxOutputTokens : 0, cacheCreationInputTokens,
                cacheReadInputTokens, type == CallType.IMAGE_GENERATION ? maxImages : 0,
                type.isMedia() ? maxMediaSeconds : 0);
    }

    private static void count(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new ValidationException(field, "must be a whole number from 0 to " + max);
        }
    }
}
