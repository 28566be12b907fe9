package dev.creditline.rest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Enforces what the served OpenAPI document declares, so the document and the behaviour agree by
 * construction (docs/api.md "Input robustness"): for the matched operation, a query parameter
 * outside its declared {@code minimum}/{@code maximum} or not one of its {@code enum} values is a
 * 400 {@code VALIDATION_FAILED} naming the parameter, and a request body whose
 * {@code Content-Type} is none of the operation's declared {@code requestBody} media types is a
 * 415 {@code UNSUPPORTED_MEDIA_TYPE} naming {@code Content-Type}. Empty values count as absent,
 * as everywhere else; values that are not numbers are left to the resource's own message. Runs
 * after authentication, so an unauthenticated caller learns nothing about parameters.
 */
@Priority(Priorities.USER + 100)
public final class DeclaredParametersFilter implements ContainerRequestFilter {

    private record Bound(String name, BigDecimal minimum, BigDecimal maximum, List<String> allowed) {
    }

    private record Operation(List<Bound> query, List<MediaType> bodyTypes) {
    }

    /** Operations by {@code METHOD path-template}. */
    private final Map<String, Operation> operations = new HashMap<>();

    /** @param document the served OpenAPI document ({@link OpenApiDocument#assemble}) */
    public DeclaredParametersFilter(JsonNode document) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!op.getValue().isObject()) {
                    continue;
                }
                List<Bound> bounds = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    JsonNode schema = p.path("schema");
                    if (!"query".equals(p.path("in").asText()) || !(schema.has("minimum") || schema.has("maximum")
                            || schema.has("enum"))) {
                        continue;
                    }
                    List<String> allowed = null;
                    if (schema.has("enum")) {
                        allowed = new ArrayList<>();
                        for (JsonNode v : schema.get("enum")) {
                            allowed.add(v.asText());
                        }
                    }
                    bounds.add(new Bound(p.path("name").asText(),
                            schema.has("minimum") ? schema.get("minimum").decimalValue() : null,
                            schema.has("maximum") ? schema.get("maximum").decimalValue() : null, allowed));
                }
                List<MediaType> types = new ArrayList<>();
                for (Iterator<String> it = op.getValue().path("requestBody").path("content").fieldNames(); it.hasNext(); ) {
                    types.add(MediaType.valueOf(it.next()));
                }
                if (!bounds.isEmpty() || !types.isEmpty()) {
                    operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            new Operation(bounds, types));
                }
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        Operation op = operations.get(request.getMethod() + " " + RequestEvents.route(uri.getMatchedTemplates()));
        if (op == null) {
            return;
        }
        for (Bound b : op.query()) {
            for (String value : uri.getQueryParameters().getOrDefault(b.name(), List.of())) {
                check(b, value);
            }
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!op.bodyTypes().isEmpty() && contentType != null && !contentType.isBlank()) {
            MediaType sent = request.getMediaType();
            if (sent == null || op.bodyTypes().stream().noneMatch(t -> t.isCompatible(sent))) {
                throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type",
                        "This operation takes " + op.bodyTypes().get(0).toString() + " bodies.")
                        .with("field", "Content-Type");
            }
        }
    }

    private static void check(Bound b, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (b.allowed() != null && !b.allowed().contains(value)) {
            throw ApiProblem.badRequest(b.name(), b.name() + " must be one of " + String.join(", ", b.allowed()));
        }
        if (b.minimum() == null && b.maximum() == null) {
            return;
        }
        BigDecimal n;
        try {
            n = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (b.minimum() != null && n.compareTo(b.minimum()) < 0) {
            throw ApiProblem.badRequest(b.name(), b.name() + " must be at least " + b.minimum().toPlainString());
        }
        if (b.maximum() != null && n.compareTo(b.maximum()) > 0) {
            throw ApiProblem.badRequest(b.name(), b.name() + " must be at most " + b.maximum().toPlainString());
        }
    }
}
