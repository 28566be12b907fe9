package dev.creditline.rest.resource;

import dev.creditline.application.port.out.HealthPort;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
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

    /**
     * 200 {@code {"status":"ready"}} when the database answers, else 503. With a read replica
     * configured, {@code readReplica} tells where routed reads go and why; a replica that is down
     * or lagging never makes the service unready (its reads run on the primary).
     */
    @GET
    @Path("ready")
    public Map<String, Object> ready() {
        if (!health.databaseAnswers()) {
            throw new ApiProblem(503, "NOT_READY", "Service Unavailable", "The database does not answer.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        health.readReplica().ifPresent(r -> {
            Map<String, Object> replica = new LinkedHashMap<>();
            replica.put("status", r.status());
            replica.put("readsGoTo", r.inUse() ? "replica" : "primary");
            replica.put("lagSeconds", r.lagSeconds());
            replica.put("maxLagSeconds", r.maxLagSeconds());
            if (r.detail() != null) {
                replica.put("detail", r.detail());
            }
            body.put("readReplica", replica);
        });
        return body;
    }
}
