package dev.creditline.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Whole-number fields of request records that refuse {@code 1.5} (and {@code 1.0}): Jackson
 * otherwise truncates a float into an integer field. The refusal is a Jackson mapping error, so
 * the answer is 400 naming the field ({@code JsonExceptionMapper}).
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** A JSON integer as a {@code Long}; anything else is refused. */
    public static final class LongOnly extends StdDeserializer<Long> {
        public LongOnly() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            return p.getLongValue();
        }
    }

    /** A JSON integer as an {@code Integer}; anything else (or out of range) is refused. */
    public static final class IntOnly extends StdDeserializer<Integer> {
        public IntOnly() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
            }
            return p.getIntValue();
        }
    }
}
