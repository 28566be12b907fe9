package dev.creditline.domain.pricing;

import dev.creditline.domain.ValidationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Model name → {@link ModelRate}, with a default rate for unknown models, and the cost
 * formula below. Immutable; build it from configuration with
 * {@link #of(Map, ModelRate)} or take the built-in {@link #defaults()}.
 *
 * <p>Cost rules (credits, {@code long}); {@code r} = round half to even
 * ({@link RoundingMode#HALF_EVEN}), all intermediate arithmetic exact ({@link BigDecimal}):
 * <ul>
 *   <li>chat/embedding/custom: {@code max(1, r(in*input/1000) + r(out*output/1000)
 *       + r(cacheWrite*cacheWriteRate/1000) + r(cacheRead*cacheReadRate/1000))} — each term
 *       rounded separately;</li>
 *   <li>image generation: {@code max(1, r(in*input/1000 + images*output))};</li>
 *   <li>audio/video: {@code max(1, r(in*input/1000 + seconds*output))};</li>
 *   <li>status {@code failed} or {@code processing}: 0.</li>
 * </ul>
 * Decision (spec silent): the {@code max(1, …)} floor applies to every successful call,
 * image and media included, so a successful call is never free. Usage fields that do not
 * belong to the call type are ignored (e.g. images on a chat call).
 */
public final class PricingTable {

    private static final PricingTable DEFAULTS = buildDefaults();

    private final Map<String, ModelRate> rates;
    private final ModelRate defaultRate;

    private PricingTable(Map<String, ModelRate> rates, ModelRate defaultRate) {
        this.rates = rates;
        this.defaultRate = defaultRate;
    }

    /**
     * The built-in table: Sonnet 4.5, GPT-5.2, Gemini 3 Pro,
     * Mistral Large at (3, 15); Opus 4.5 and GPT-5.2 Pro at (15, 75); DeepSeek V3.2 and
     * Qwen3 Coder Next at (1, 5); any other model at the default (3, 15).
     */
    public static PricingTable defaults() {
        return DEFAULTS;
    }

    /**
     * A table from configuration.
     *
     * @param rates       model name (exact, case-sensitive, e.g. {@code "openai/gpt-5.2"}) → rate
     * @param defaultRate rate for models not in {@code rates}
     * @throws ValidationException field {@code pricing.model} for a null/blank model name or
     *         null rate, {@code pricing.default} for a null default rate
     */
    public static PricingTable of(Map<String, ModelRate> rates, ModelRate defaultRate) {
        if (rates == null) {
            throw new ValidationException("pricing.model", "table is required");
        }
        if (defaultRate == null) {
            throw new ValidationException("pricing.default", "is required");
        }
        Map<String, ModelRate> copy = new LinkedHashMap<>();
        rates.forEach((model, rate) -> {
            if (model == null || model.isBlank()) {
                throw new ValidationException("pricing.model", "must be a non-blank model name");
            }
            if (rate == null) {
                throw new ValidationException("pricing.model", "has no rate for " + model);
            }
            copy.put(model, rate);
        });
        return new PricingTable(Map.copyOf(copy), defaultRate);
    }

    /** Every configured model → rate (the default rate is not included). */
    public Map<String, ModelRate> rates() {
        return rates;
    }

    /** The rate used for models that are not in the table. */
    public ModelRate defaultRate() {
        return defaultRate;
    }

    /**
     * Rate of a model: exact, case-sensitive match; unknown or null model → the default rate.
     */
    public ModelRate rateFor(String model) {
        if (model == null) {
            return defaultRate;
        }
        return rates.getOrDefault(model, defaultRate);
    }

    /**
     * Credits charged for one model call (formula in the class doc).
     *
     * @param model  model name, looked up with {@link #rateFor(String)}
     * @param type   call type, decides the formula
     * @param status only {@link CallStatus#SUCCESS} is charged; otherwise 0
     * @param usage  measured usage
     * @return credits, ≥ 1 for a success, 0 otherwise
     * @throws ValidationException field {@code type}, {@code status} or {@code usage} when null
     */
    public long cost(String model, CallType type, CallStatus status, Usage usage) {
        if (type == null) {
            throw new ValidationException("type", "is required");
        }
        if (status == null) {
            throw new ValidationException("status", "is required");
        }
        if (usage == null) {
            throw new ValidationException("usage", "is required");
        }
        if (status != CallStatus.SUCCESS) {
            return 0;
        }
        ModelRate rate = rateFor(model);
        long credits;
        if (type.isTokenPriced()) {
            credits = round(perThousand(usage.inputTokens(), rate.input()))
                    + round(perThousand(usage.outputTokens(), rate.output()))
                    + round(perThousand(usage.cacheCreationInputTokens(), rate.cacheWrite()))
                    + round(perThousand(usage.cacheReadInputTokens(), rate.cacheRead()));
        } else {
            long units = type == CallType.IMAGE_GENERATION
                    ? usage.numberOfImageGeneration()
                    : usage.mediaDurationSeconds();
            credits = round(perThousand(usage.inputTokens(), rate.input())
                    .add(BigDecimal.valueOf(units).multiply(rate.output())));
        }
        return Math.max(1, credits);
    }

    /**
     * The {@code total_usage} of a call (analytics.md "Model calls"): input + output tokens
     * for chat/embedding/custom (cache tokens are reported separately and not added), number
     * of images for image generation, seconds for audio/video.
     *
     * @throws ValidationException field {@code type} or {@code usage} when null
     */
    public static long totalUsage(CallType type, Usage usage) {
        if (type == null) {
            throw new ValidationException("type", "is required");
        }
        if (usage == null) {
            throw new ValidationException("usage", "is required");
        }
        if (type.isTokenPriced()) {
            return usage.inputTokens() + usage.outputTokens();
        }
        return type == CallType.IMAGE_GENERATION ? usage.numberOfImageGeneration() : usage.mediaDurationSeconds();
    }

    private static BigDecimal perThousand(long units, BigDecimal ratePerThousand) {
        return BigDecimal.valueOf(units).multiply(ratePerThousand).movePointLeft(3);
    }

    private static long round(BigDecimal credits) {
        return credits.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static PricingTable buildDefaults() {
        Map<String, ModelRate> m = new LinkedHashMap<>();
        ModelRate standard = ModelRate.of(3, 15);
        ModelRate premium = ModelRate.of(15, 75);
        ModelRate economy = ModelRate.of(1, 5);
        m.put("anthropic/claude-sonnet-4.5", standard);
        m.put("openai/gpt-5.2", standard);
        m.put("google/gemini-3-pro-preview", standard);
        m.put("mistralai/mistral-large-2512", standard);
        m.put("anthropic/claude-opus-4.5", premium);
        m.put("openai/gpt-5.2-pro", premium);
        m.put("deepseek/deepseek-v3.2", economy);
        m.put("qwen/qwen3-coder-next", economy);
        return of(m, standard);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PricingTable other && rates.equals(other.rates) && defaultRate.equals(other.defaultRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rates, defaultRate);
    }

    @Override
    public String toString() {
        return "PricingTable" + rates + " default=" + defaultRate;
    }
}
