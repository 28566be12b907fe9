package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.creditline.application.port.out.HealthPort;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Liveness and readiness (api.md "Operations"). No authentication. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /**
     * {@code {status}}, plus {@code readReplica} on {@code /ready} when a read replica is configured.
     */
    public record StatusResponse(String status, @JsonInclude(JsonInclude.Include.NON_NULL) ReplicaJson readReplica) {
    }

    /**
     * Where routed reads go and why: {@code lagSeconds} null when unknown; {@code detail} only when there is one.
     */
    public record ReplicaJson(String status, String readsGoTo, Double lagSeconds, double maxLagSeconds,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
        static ReplicaJson of(HealthPort.ReadReplicaHealth r) {
            return new ReplicaJson(r.status(), r.inUse() ? "replica" : "primary", r.lagSeconds(), r.maxLagSeconds(),
                    r.detail());
        }
    }

    /** Default for how long {@code /ready} waits for the database before answering 503. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(2);

    private final HealthPort health;
    private final Duration readyTimeout;
    /** The database check in progress: concurrent probes share it, so an outage never piles up checks. */
    private final AtomicReference<CompletableFuture<Boolean>> check = new AtomicReference<>();

    public HealthResource(HealthPort health) {
        this(health, DEFAULT_READY_TIMEOUT);
    }

    /** @param readyTimeout longest wait of {@code /ready} for the database; then it answers 503 */
    public HealthResource(HealthPort health, Duration readyTimeout) {
        this.health = health;
        this.readyTimeout = readyTimeout;
    }

    /** {@code {"status":"ok"}} while the process serves requests. */
    @GET
    @Path("health")
    public StatusResponse health() {
        return new StatusResponse("ok", null);
    }

    /**
     * 200 {@code {"status":"ready"}} when the database answers within the ready timeout, else
     * 503 with {@code Retry-After} (the check keeps running in the background, at most one at a time).
     * With a read replica configured, {@code readReplica} tells where routed reads go and why; a
     * replica that is down or lagging never makes the service unready (its reads run on the primary).
     */
    @GET
    @Path("ready")
    public StatusResponse ready() {
        if (!databaseAnswersWithinTimeout()) {
            throw new ApiProblem(503, "NOT_READY", "Service Unavailable", "The database does not answer.")
                    .header("Retry-After", "2");
        }
        return new StatusResponse("ready", health.readReplica().map(ReplicaJson::of).orElse(null));
    }

    private boolean databaseAnswersWithinTimeout() {
        CompletableFuture<Boolean> running = check.get();
        if (running == null || running.isDone()) {
            CompletableFuture<Boolean> fresh = new CompletableFuture<>();
            if (check.compareAndSet(running, fresh)) {
                Thread t = new Thread(() -> {
                    try {
                        fresh.complete(health.databaseAnswers());
                    } catch (RuntimeException e) {
                        fresh.complete(false);
                    }
                }, "creditline-ready-check");
                t.setDaemon(true);
                t.start();
            }
            running = check.get();
        }
        try {
            return running.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
