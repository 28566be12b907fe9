package dev.creditline.rest.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.user.FieldUpdate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads typed fields from a JSON object body read as a tree, naming the field in every error (400). Only
 * for bodies a request record cannot say ({@link RequestBodies} binds the others): a partial update where
 * "absent" and "explicit null" differ, two spellings chosen by presence, a body of two shapes. The rules
 * match the record binding's: strict types, no U+0000, ISO-8601 date-times from year 1 to 9999.
 */
public final class JsonFields {

    /** Earliest accepted date-time: 0001-01-01T00:00:00Z (PostgreSQL stores far more, ISO-8601 readers less). */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest accepted date-time: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final ObjectNode node;

    private JsonFields(ObjectNode node) {
        this.node = node;
    }

    /**
     * @throws ValidationException ({@code body}) when the body is missing or not a JSON object
     */
    public static JsonFields of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new ValidationException("body", "is required: send a JSON object");
        }
        if (!(body instanceof ObjectNode o)) {
            throw new ValidationException("body", "must be a JSON object");
        }
        return new JsonFields(o);
    }

    /** The first of the given spellings present in the body, or empty. */
    private Optional<String> present(String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** A required non-empty string. */
    public String requireText(String name) {
        return optionalText(name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new ValidationException(name, "is required"));
    }

    /**
     * A string, or empty when absent or null.
     *
     * @throws ValidationException ({@code name}) when not a string, or when it holds U+0000
     */
    public Optional<String> optionalText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ValidationException(name, "must be a string");
        }
        if (v.textValue().indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold U+0000 (docs/api.md "Input robustness")
            throw new ValidationException(name, "must not contain the NUL character (U+0000)");
        }
        return Optional.of(v.textValue());
    }

    /** A string field as a partial update: absent keeps, null clears. */
    public FieldUpdate<String> textUpdate(String name) {
        if (!node.has(name)) {
            return FieldUpdate.keep();
        }
        return FieldUpdate.set(optionalText(name).orElse(null));
    }

    /** An ISO-8601 instant under any of the spellings, as a partial update. */
    public FieldUpdate<Instant> instantUpdate(String... names) {
        Optional<String> name = present(names);
        if (name.isEmpty()) {
            return FieldUpdate.keep();
        }
        return FieldUpdate.set(optionalInstant(name.get()).orElse(null));
    }

    /**
     * An ISO-8601 instant ({@code 2026-01-02T03:04:05Z} or with an offset) under any spelling.
     *
     * @throws ValidationException when unparsable or outside years 1 to 9999
     */
    public Optional<Instant> optionalInstant(String... names) {
        Optional<String> name = present(names);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = optionalText(name.get());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.get()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(name.get(), "must be an ISO-8601 date-time such as 2026-01-02T03:04:05Z");
        }
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw new ValidationException(name.get(), "must be a date-time from year 1 to year 9999");
        }
        return Optional.of(instant);
    }

    /** A whole number, or empty when absent or null. */
    public Optional<Long> optionalLong(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ValidationException(name, "must be a whole number");
        }
        return Optional.of(v.longValue());
    }

    /** A required UUID string. */
    public UUID requireUuid(String name) {
        String text = requireText(name);
        return Uuids.parse(text).orElseThrow(() -> new ValidationException(name, "must be a UUID"));
    }
}
