package dev.creditline.rest.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.domain.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Binds a JSON body to a {@link JsonRequest} record. The body is read once as a tree with
 * {@link ObjectMappers#requests()} (duplicate keys refused, no scalar coercion: no string → number, no
 * float → whole number, no number or boolean → string, no U+0000 in a string), kept as a request property
 * (an {@code Idempotency-Key}'s request hash is taken over it, {@link #json}), and converted to the record;
 * Jersey's Bean Validation then checks the record's constraints before the resource method runs. A body
 * that is missing, JSON {@code null} or not an object is 400 naming {@code body}, as before records.
 *
 * <p>Bodies whose shape no record can say stay {@link JsonNode} parameters read with {@link JsonFields}
 * (the resource says why): a partial update where absent and {@code null} differ, a body that is one of
 * two shapes.
 */
public final class RequestBodies implements ReaderInterceptor {

    /** Request property holding the body as read, for the idempotency hash. */
    public static final String BODY_PROPERTY = "creditline.jsonBody";

    private static final ObjectMapper MAPPER = ObjectMappers.requests();
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!JsonRequest.class.isAssignableFrom(context.getType()) || !json(context.getMediaType())) {
            return context.proceed();
        }
        JsonNode body = MAPPER.readTree(context.getInputStream());
        JsonFields.of(body);
        context.setProperty(BODY_PROPERTY, body);
        return MAPPER.treeToValue(body, context.getType());
    }

    /** The body of this request as read for its {@link JsonRequest} parameter. */
    public static JsonNode json(ContainerRequestContext request) {
        return (JsonNode) request.getProperty(BODY_PROPERTY);
    }

    /**
     * Binds a part of a body (or a body read as a tree because it has two shapes) to a record and validates
     * it as Jersey validates a parameter.
     *
     * @throws ValidationException ({@code body}) when {@code node} is missing or not an object
     * @throws com.fasterxml.jackson.core.JsonProcessingException naming the field of a wrong type (400)
     * @throws ConstraintViolationException naming the field of a broken constraint (400)
     */
    public static <T extends JsonRequest> T bind(JsonNode node, Class<T> type) throws IOException {
        JsonFields.of(node);
        T value = MAPPER.treeToValue(node, type);
        Set<ConstraintViolation<T>> violations = VALIDATION.getValidator().validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    /** The validator of {@link #bind}. */
    static Validator validator() {
        return VALIDATION.getValidator();
    }

    /** The media types Jackson's JAX-RS reader takes: subtype json, x-json, javascript or ending +json; or none. */
    private static boolean json(MediaType type) {
        if (type == null) {
            return true;
        }
        String subtype = type.getSubtype();
        return "json".equalsIgnoreCase(subtype) || subtype.endsWith("+json") || "javascript".equals(subtype)
                || "x-javascript".equals(subtype) || "x-json".equals(subtype);
    }
}
