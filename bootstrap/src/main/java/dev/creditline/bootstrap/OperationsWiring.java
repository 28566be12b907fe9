package dev.creditline.bootstrap;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.creditline.rest.operations.ApiReferenceResource;
import dev.creditline.rest.operations.CorsFilter;
import dev.creditline.rest.operations.CorsPolicy;
import dev.creditline.rest.operations.MetricsResource;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.operations.OpenApiResource;
import dev.creditline.rest.operations.RequestEvents;
import dev.creditline.rest.operations.WebhookEventTypeFilter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: CORS, request logs and metrics, {@code GET /metrics},
 * {@code GET /openapi.json} (with the core and operations fragments), pool, JVM and domain
 * metrics, and a start-up line naming the optional features that are off. docs/operations.md.
 */
final class OperationsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsWiring.class);
    /** How long the open-holds gauge reuses its count, in milliseconds. */
    static final long HOLDS_GAUGE_CACHE_MS = 5_000;

    private OperationsWiring() {
    }

    /** The registry every meter of one service goes to (created before the core services). */
    static PrometheusMeterRegistry newMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    static void register(Creditline.Core core) {
        PrometheusMeterRegistry metrics = core.metrics();
        CorsPolicy cors = core.settings().cors();
        core.rc().register(new CorsFilter(cors));
        core.rc().register(new WebhookEventTypeFilter());
        core.rc().register(new RequestEvents(metrics));
        core.rc().register(new MetricsResource(metrics::scrape));
        core.rc().register(new OpenApiResource());
        OpenApiDocument.include(core.rc(), "core");
        OpenApiDocument.include(core.rc(), "operations");
        // GET /docs (Swagger UI over /openapi.json) and GET / → /docs.
        core.rc().register(new ApiReferenceResource());
        OpenApiDocument.include(core.rc(), "reference");

        core.database().dataSource().setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        new FileDescriptorMetrics().bindTo(metrics);
        holdsOpenGauge(core.database().jdbi(), core.clock(), metrics);

        LOG.info("CORS origins allowed: {}{}", cors.allowedOrigins(),
                cors.anyLoopback() ? " and every loopback origin (dev mode)" : "");
        List<String> off = disabledFeatures(core.settings());
        if (!off.isEmpty()) {
            LOG.warn("optional features disabled: {}", String.join("; ", off));
        }
    }

    /**
     * {@code creditline.holds.open}: holds open and not expired at the service clock's "now" (the
     * one source of time, as for the sweeper), counted at most every few seconds.
     */
    static void holdsOpenGauge(Jdbi jdbi, Clock clock, MeterRegistry registry) {
        Supplier<Number> count = cached(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM holds WHERE status = 'open' AND expires_at > :now")
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC)).mapTo(Long.class).one()));
        Gauge.builder("creditline.holds.open", count).description("Holds open and not yet expired (cached 5 s)")
                .strongReference(true).register(registry);
    }

    private static Supplier<Number> cached(Supplier<Long> query) {
        return new Supplier<>() {
            private long at;
            private double value = Double.NaN;

            @Override
            public synchronized Number get() {
                long now = System.currentTimeMillis();
                if (now - at >= HOLDS_GAUGE_CACHE_MS || Double.isNaN(value)) {
                    try {
                        value = query.get();
                    } catch (RuntimeException e) {
                        value = Double.NaN;
                    }
                    at = now;
                }
                return value;
            }
        };
    }

    /** One line per optional feature that is off, naming the variable that turns it on. */
    static List<String> disabledFeatures(Settings settings) {
        List<String> off = new ArrayList<>();
        if (settings.billing().stripeSecretKey().isEmpty()) {
            off.add("Stripe checkout, portal and payment links (STRIPE_SECRET_KEY unset: /api/billing answers 503)");
        }
        if (settings.billing().webhookSecret().isEmpty()) {
            off.add("Stripe webhooks (STRIPE_WEBHOOK_SECRET unset: POST /api/billing/webhook answers 503)");
        }
        if (settings.guests().secret().isEmpty()) {
            off.add("guest sessions (GUEST_SECRET unset)");
        }
        if (settings.frontendUrl().isEmpty() && !settings.devMode()) {
            off.add("production CORS origin (FRONTEND_URL unset: only " + CorsPolicy.DEV_ORIGIN + " may call from a browser)");
        }
        return off;
    }
}
