package dev.creditline.rest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * The one JSON configuration of the HTTP API: instants as ISO-8601 strings, no coercion of
 * scalars ({@code "5"} is not a number), unknown properties ignored (Auth.js sends extras),
 * duplicate keys refused (docs/api.md "Input robustness").
 */
@Provider
public final class ObjectMappers implements ContextResolver<ObjectMapper> {

    private static final ObjectMapper MAPPER = create();

    /** A new mapper with the API's settings. */
    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * The mapper that binds request bodies to records ({@link RequestBodies}): the API's settings, plus no
     * float → whole number ({@code 1.5} is not a count), no number or boolean → string, and no U+0000 in a
     * string (PostgreSQL text cannot hold it; docs/api.md "Input robustness"). Each refusal is a
     * {@link com.fasterxml.jackson.databind.exc.MismatchedInputException} with the field's path (400 naming it).
     */
    public static ObjectMapper requests() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("creditline-strings").addDeserializer(String.class, new NoNulStrings()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Message of a string refused for holding U+0000, used as the problem's detail. */
    public static final String NUL_REFUSED = "must not contain the NUL character (U+0000)";

    /** Strings as Jackson reads them, refusing U+0000. */
    private static final class NoNulStrings extends StdScalarDeserializer<String> {
        private final StringDeserializer strings = StringDeserializer.instance;

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = strings.deserialize(p, ctxt);
            if (s != null && s.indexOf('\u0000') >= 0) {
                throw MismatchedInputException.from(p, String.class, NUL_REFUSED);
            }
            return s;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** The shared mapper. */
    public static ObjectMapper shared() {
        return MAPPER;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
