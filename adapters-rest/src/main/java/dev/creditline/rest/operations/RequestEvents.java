package dev.creditline.rest.operations;

import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured log line and the HTTP metrics for every request, after the answer is
 * written (api.md "Operations"). Logged fields: {@code method}, {@code route} (the matched
 * template, never the raw path, so no e-mail or token in a path segment reaches the log),
 * {@code status}, {@code duration_ms}, {@code requestId} (from the MDC, like every line logged during the request) and {@code user_id} when a bearer
 * token named the user. Headers, query strings and bodies are never logged.
 *
 * <p>Metrics: timer {@code http.server.requests{method, uri, status, outcome}}; counter
 * {@code creditline.payment.required{uri, code}} for every 402; counter
 * {@code creditline.webhook.events{type, outcome}} for {@code POST /api/billing/webhook}
 * (type read by {@link WebhookEventTypeFilter}; {@code unverified} when the signature or
 * configuration refused it).
 */
@Provider
public final class RequestEvents implements ApplicationEventListener {

    /** Route label of requests that matched no resource (404, refused preflights). */
    public static final String UNMATCHED = "UNMATCHED";
    /** Route of the Stripe webhook. */
    public static final String WEBHOOK_ROUTE = "/api/billing/webhook";
    private static final Logger LOG = LoggerFactory.getLogger("dev.creditline.request");
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** Route templates are a fixed set (the resources'), so these stay small. */
    private static final Map<String, String> ROUTES = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    /** Timers by method, route and status: one lookup per request instead of a builder and a registry search. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String method, String route, int status) {
    }

    /** @param registry where the request metrics go */
    public RequestEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        long start = System.nanoTime();
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                finished(event, System.nanoTime() - start);
            }
        };
    }

    private void finished(RequestEvent event, long nanos) {
        try {
            ContainerRequest request = event.getContainerRequest();
            ContainerResponse response = event.getContainerResponse();
            int status = response == null ? 500 : response.getStatus();
            String method = request.getMethod();
            String route = route(event.getUriInfo().getMatchedTemplates());
            timers.computeIfAbsent(new TimerKey(method, route, status), k -> Timer.builder("http.server.requests")
                            .description("HTTP requests by route template and status")
                            .tags("method", method, "uri", route, "status", Integer.toString(status), "outcome",
                                    outcome(status))
                            .serviceLevelObjectives(SLOS)
                            .register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (status == 402) {
                Counter.builder("creditline.payment.required").description("402 answers (not enough credits, guest limit)")
                        .tags("uri", route, "code", problemCode(response))
                        .register(registry).increment();
            }
            if (WEBHOOK_ROUTE.equals(route) && "POST".equals(method)) {
                Object type = request.getProperty(WebhookEventTypeFilter.EVENT_TYPE);
                boolean verified = status < 400 || status >= 500 && status != 503;
                Counter.builder("creditline.webhook.events").description("Stripe webhook events by type and outcome")
                        .tags("type", verified && type != null ? type.toString() : "unverified",
                                "outcome", status < 300 ? "processed" : status < 500 ? "rejected" : "failed")
                        .register(registry).increment();
            }
            Object requestId = request.getProperty(Problems.REQUEST_ID);
            if (requestId != null) {
                MDC.put(Problems.REQUEST_ID, requestId.toString());
            }
            Object caller = request.getProperty(Caller.PROPERTY);
            var line = LOG.atInfo()
                    .addKeyValue("method", method)
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", Math.round(nanos / 1e4) / 100.0);
            if (caller instanceof Caller c) {
                line = line.addKeyValue("user_id", c.user().id().toString());
            }
            line.log("{} {} {}", method, route, status);
        } finally {
            MDC.remove(Problems.REQUEST_ID);
        }
    }

    /** The full route template, e.g. {@code /api/internal/auth/users/{id}}, or {@link #UNMATCHED}. */
    static String route(List<UriTemplate> matched) {
        if (matched == null || matched.isEmpty()) {
            return UNMATCHED;
        }
        StringBuilder b = new StringBuilder();
        for (int i = matched.size() - 1; i >= 0; i--) {
            b.append('/').append(matched.get(i).getTemplate());
        }
        // Matched templates come from the registered resources only: a bounded set of keys.
        return ROUTES.computeIfAbsent(b.toString(), RequestEvents::normalize);
    }

    /** Drops parameter regexes ({@code {id: [0-9]+}} → {@code {id}}), doubled and trailing slashes. */
    private static String normalize(String joined) {
        String r = joined.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}").replaceAll("/{2,}", "/");
        return r.length() > 1 && r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    }

    private static String outcome(int status) {
        return status < 200 ? "INFORMATIONAL" : status < 300 ? "SUCCESS" : status < 400 ? "REDIRECTION"
                : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    private static String problemCode(ContainerResponse response) {
        Object entity = response.getEntity();
        if (entity instanceof Map<?, ?> m && m.get("code") instanceof String code) {
            return code;
        }
        return "unknown";
    }
}
