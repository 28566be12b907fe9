package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.EOFException;
import java.util.Map;

/**
 * A request body that ends before its declared {@code Content-Length} (the client closed its side
 * early): 400 {@code INCOMPLETE_BODY}, not a logged 500. Reading the request is the only place an
 * {@link EOFException} arises. docs/api.md "Input robustness".
 */
@Provider
public final class IncompleteBodyMapper implements ExceptionMapper<EOFException> {

    @Override
    public Response toResponse(EOFException e) {
        return Problems.response(400, "INCOMPLETE_BODY", "Bad Request",
                "The request body ended before its declared Content-Length.", Map.of());
    }
}
