package dev.creditline.rest.operations;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** {@code GET /metrics}: Prometheus text exposition format 0.0.4 (api.md "Operations"). No authentication. */
@Path("/metrics")
public final class MetricsResource {

    /** The Prometheus text format media type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;

    /** @param scrape produces the exposition text (e.g. {@code PrometheusMeterRegistry::scrape}) */
    public MetricsResource(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    /** The current values of every meter. */
    @GET
    public Response metrics() {
        return Response.ok(scrape.get()).type(CONTENT_TYPE).build();
    }
}
