package dev.creditline.rest.resource;

import dev.creditline.application.port.out.HealthPort;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Liveness and readiness (api.md "Operations"). No authentication. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

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
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }

    /**
     * 200 {@code {"status":"ready"}} when the database answers within the ready timeout, else
     * 503 with {@code Retry-After} (the check keeps running in the background, at most one at a time).
     */
    @GET
    @Path("ready")
    public Map<String, String> ready() {
        if (!databaseAnswersWithinTimeout()) {
            throw new ApiProblem(503, "NOT_READY", "Service Unavailable", "The database does not answer.")
                    .header("Retry-After", "2");
        }
        return Map.of("status", "ready");
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
