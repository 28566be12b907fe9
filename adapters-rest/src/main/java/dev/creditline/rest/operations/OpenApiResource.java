package dev.creditline.rest.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of this API (api.md "Operations"). No authentication. */
@Path("/openapi.json")
public final class OpenApiResource {

    private volatile ObjectNode document;

    /** The document for the features enabled in this service, assembled once. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode openApi(@Context Configuration config) {
        ObjectNode d = document;
        if (d == null) {
            d = OpenApiDocument.of(config);
            document = d;
        }
        return d;
    }
}
