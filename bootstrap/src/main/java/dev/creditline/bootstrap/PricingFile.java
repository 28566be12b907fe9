package dev.creditline.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.ModelRate;
import dev.creditline.domain.pricing.PricingTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pricing table from configuration: the JSON file named by
 * {@code PRICING_FILE}, or the built-in {@link PricingTable#defaults()} when unset. Format
 * (rates in credits per 1,000 units; see docs/metering.md):
 * <pre>
 * {"default": {"input": 3, "output": 15},
 *  "models": {"openai/gpt-5.2": {"input": 3, "output": 15, "cacheRead": 0.3, "cacheWrite": 3.75}}}
 * </pre>
 * {@code default} is optional (then 3/15), {@code cacheRead}/{@code cacheWrite} default to the
 * input rate. Anything else wrong refuses start-up with a {@link ConfigException}.
 */
public final class PricingFile {

    /** Environment variable naming the file. */
    public static final String ENV = "PRICING_FILE";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PricingFile() {
    }

    /**
     * The configured table.
     *
     * @throws ConfigException when the file cannot be read or is not a valid pricing table
     */
    public static PricingTable load(Map<String, String> env) {
        var file = Config.text(env, ENV);
        if (file.isEmpty()) {
            return PricingTable.defaults();
        }
        String text;
        try {
            text = Files.readString(Path.of(file.get()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(ENV + " " + file.get() + " cannot be read: " + e.getMessage());
        }
        return parse(text, ENV + " " + file.get());
    }

    /**
     * Parses a pricing table.
     *
     * @param source named in errors
     * @throws ConfigException naming the source and the offending member
     */
    public static PricingTable parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + " must be a JSON object with \"models\" and optional \"default\"");
        }
        try {
            ModelRate fallback = root.has("default") ? rate(root.get("default"), "default", source)
                    : PricingTable.defaults().defaultRate();
            JsonNode models = root.get("models");
            Map<String, ModelRate> rates = new LinkedHashMap<>();
            if (models != null && !models.isNull()) {
                if (!models.isObject()) {
                    throw new ConfigException(source + ": \"models\" must be an object of model name → rate");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    rates.put(e.getKey(), rate(e.getValue(), "models." + e.getKey(), source));
                }
            }
            return PricingTable.of(rates, fallback);
        } catch (ValidationException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static ModelRate rate(JsonNode node, String where, String source) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(source + ": " + where + " must be an object {input, output, cacheRead?, cacheWrite?}");
        }
        return new ModelRate(number(node, "input", where, source, true), number(node, "output", where, source, true),
                number(node, "cacheWrite", where, source, false), number(node, "cacheRead", where, source, false));
    }

    private static BigDecimal number(JsonNode rate, String name, String where, String source, boolean required) {
        JsonNode v = rate.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ConfigException(source + ": " + where + "." + name + " is required");
            }
            return null;
        }
        if (!v.isNumber()) {
            throw new ConfigException(source + ": " + where + "." + name + " must be a number");
        }
        return v.decimalValue();
    }
}
