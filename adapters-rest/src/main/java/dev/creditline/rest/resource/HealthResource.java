package dev.creditline.rest.resource;

import dev.creditline.application.port.out.HealthPort;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Liveness and readiness (api.md "Operations"). No authentication. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final HealthPort health;

    public HealthResource(HealthPort health) {
        this.health = health;
    }

    /** {@code {"status":"ok"}} while the process serves requests. */
    @GET
    @Path("health")
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }

    /** 200 {@code {"status":"ready"}} when the database answers, else 503. */
    @GET
    @Path("ready")
    public Map<String, String> ready() {
        if (!health.databaseAnswers()) {
            throw new ApiProblem(503, "NOT_READY", "Service Unavailable", "The database does not answer.");
        }
        return Map.of("status", "ready");
    }
}
