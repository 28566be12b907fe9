package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;

/**
 * Measured consumption of one model call (api.md {@code POST /model-calls}, object
 * {@code usage}). Every field is a count between 0 and {@value #MAX} inclusive:
 * tokens, generated images, or whole seconds of generated media.
 */
public record Usage(
        long inputTokens,
        long outputTokens,
        long cacheCreationInputTokens,
        long cacheReadInputTokens,
        long numberOfImageGeneration,
        long mediaDurationSeconds) {

    /** Largest accepted count (10^12). */
    public static final long MAX = 1_000_000_000_000L;

    /** No usage at all. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code usage.<name>} (e.g. {@code usage.inputTokens})
     *         when a count is negative or larger than {@value #MAX}
     */
    public Usage {
        check("inputTokens", inputTokens);
        check("outputTokens", outputTokens);
        check("cacheCreationInputTokens", cacheCreationInputTokens);
        check("cacheReadInputTokens", cacheReadInputTokens);
        check("numberOfImageGeneration", numberOfImageGeneration);
        check("mediaDurationSeconds", mediaDurationSeconds);
    }

    /** Input and output tokens only. */
    public static Usage tokens(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0, 0);
    }

    /** Prompt tokens plus a number of generated images. */
    public static Usage images(long inputTokens, long images) {
        return new Usage(inputTokens, 0, 0, 0, images, 0);
    }

    /** Prompt tokens plus seconds of generated audio/video. */
    public static Usage media(long inputTokens, long seconds) {
        return new Usage(inputTokens, 0, 0, 0, 0, seconds);
    }

    private static void check(String name, long value) {
        if (value < 0 || value > MAX) {
            throw new ValidationException("usage." + name, "must be between 0 and " + MAX);
        }
    }
}
