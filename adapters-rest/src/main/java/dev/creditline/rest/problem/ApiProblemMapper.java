package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an {@link ApiProblem} as problem+json. */
@Provider
public final class ApiProblemMapper implements ExceptionMapper<ApiProblem> {

    @Override
    public Response toResponse(ApiProblem problem) {
        return Problems.response(problem);
    }
}
