package dev.creditline.rest.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.creditline.rest.json.ObjectMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Malformed JSON or a value of the wrong type: 400 naming the field by its JSON path, without
 * echoing Jackson's internals (stack.md gotcha 4). A key given twice is 400 {@code MALFORMED_JSON}
 * naming it in {@code field} (docs/api.md "Input robustness").
 */
@Provider
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.{1,200}?)'");

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String detail = ObjectMappers.NUL_REFUSED.equals(m.getOriginalMessage())
                    ? field + " " + ObjectMappers.NUL_REFUSED : field + " has the wrong type or format";
            return Problems.response(400, "VALIDATION_FAILED", "Bad Request", detail, Map.of("field", field));
        }
        if (e instanceof JsonParseException && e.getOriginalMessage() != null) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.find()) {
                // STRICT_DUPLICATE_DETECTION (ObjectMappers): which value was meant is ambiguous.
                return Problems.response(400, "MALFORMED_JSON", "Bad Request",
                        "The JSON body has the key " + duplicate.group(1) + " more than once.",
                        Map.of("field", duplicate.group(1)));
            }
        }
        String detail = e instanceof StreamConstraintsException
                ? "The JSON body exceeds a size limit (nesting depth, number or string length)."
                : e instanceof JsonParseException ? "The request body is not valid JSON."
                : "The request body does not have the expected JSON shape.";
        return Problems.response(400, "MALFORMED_JSON", "Bad Request", detail, Map.of());
    }
}
