package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Kind of model call (analytics.md "Model calls", column {@code type}). Decides which
 * pricing formula applies and what {@code totalUsage} measures.
 */
public enum CallType {
    /** Chat completion; priced per 1,000 input/output/cache tokens. */
    CHAT_COMPLETION("chatCompletion"),
    /** Embedding; priced like chat. */
    EMBEDDING("embedding"),
    /** Image generation; priced per 1,000 input tokens plus per generated image. */
    IMAGE_GENERATION("imageGeneration"),
    /** Audio generation; priced per 1,000 input tokens plus per second of media. */
    AUDIO_GENERATION("audioGeneration"),
    /** Video generation; priced per 1,000 input tokens plus per second of media. */
    VIDEO("video"),
    /** Anything else; priced like chat. */
    CUSTOM("custom");

    private final String wire;

    CallType(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON, query strings and the database, e.g. {@code "chatCompletion"}. */
    public String wire() {
        return wire;
    }

    /**
     * Parses a wire name (exact, case-sensitive).
     *
     * @param wire e.g. {@code "imageGeneration"}
     * @return the call type
     * @throws ValidationException field {@code type} when null or not one of the wire names
     */
    public static CallType fromWire(String wire) {
        for (CallType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new ValidationException("type", "must be one of "
                + Arrays.stream(values()).map(CallType::wire).collect(Collectors.joining(", ")));
    }

    /** True for the types priced by tokens only (chat, embedding, custom). */
    public boolean isTokenPriced() {
        return this == CHAT_COMPLETION || this == EMBEDDING || this == CUSTOM;
    }

    /** True for the types priced per second of generated media (audio, video). */
    public boolean isMedia() {
        return this == AUDIO_GENERATION || this == VIDEO;
    }
}
