package dev.creditline.bootstrap;

import dev.creditline.application.service.LotExpiryNoticeService;
import dev.creditline.application.service.WebhookDeliveryService;
import dev.creditline.application.service.WebhookDispatchService;
import dev.creditline.application.service.WebhookEndpointService;
import dev.creditline.domain.event.RetrySchedule;
import dev.creditline.domain.event.WebhookUrls;
import dev.creditline.domain.ValidationException;
import dev.creditline.persistence.JdbiExpiringLotNotices;
import dev.creditline.persistence.JdbiWebhookDeliveryRepository;
import dev.creditline.persistence.JdbiWebhookEndpointRepository;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.resource.AdminWebhookDeliveriesResource;
import dev.creditline.rest.resource.AdminWebhookEndpointsResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound events (events.md, docs/events.md): the {@code WEBHOOK_URL} endpoint, the admin API of
 * endpoints and deliveries, the dispatcher and the {@code lot.expiring} notices, each on its own
 * {@link PeriodicWorker}.
 */
final class WebhooksWiring {

    private static final Logger LOG = LoggerFactory.getLogger(WebhooksWiring.class);

    /** The id of the {@code WEBHOOK_URL} endpoint: the same on every instance and every start. */
    static final UUID CONFIGURED_ENDPOINT = UUID.nameUUIDFromBytes("creditline:WEBHOOK_URL".getBytes(StandardCharsets.UTF_8));

    private WebhooksWiring() {
    }

    /**
     * The settings of docs/configuration.md "Webhooks".
     *
     * @param url              {@code WEBHOOK_URL}
     * @param secret           {@code WEBHOOK_SECRET} ({@code whsec_<base64>}), required with the URL
     * @param allowHttp        {@code ALLOW_HTTP_WEBHOOKS}: http (and https) to loopback hosts
     * @param schedule         {@code WEBHOOK_RETRY_SCHEDULE}, {@code WEBHOOK_RETRY_WINDOW_HOURS}
     * @param disableAfter     {@code WEBHOOK_DISABLE_AFTER_FAILURES}
     * @param dispatch         whether this instance runs the dispatcher ({@code WEBHOOK_DISPATCHER})
     * @param interval         {@code WEBHOOK_DISPATCH_INTERVAL_MS}
     * @param batch            {@code WEBHOOK_DISPATCH_BATCH}
     * @param senders          {@code WEBHOOK_DISPATCH_CONCURRENCY}
     * @param rotationGrace    {@code WEBHOOK_SECRET_ROTATION_HOURS}
     * @param expiryNotice     {@code EXPIRY_NOTICE_DAYS}
     * @param noticeInterval   {@code LOT_EXPIRY_SWEEP_INTERVAL_SECONDS}
     */
    record Settings(Optional<String> url, Optional<String> secret, boolean allowHttp, RetrySchedule schedule,
                    int disableAfter, boolean dispatch, Duration interval, int batch, int senders,
                    Duration rotationGrace, Duration expiryNotice, Duration noticeInterval) {
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ConfigException naming the variable
     */
    static Settings settings(Map<String, String> env) {
        boolean allowHttp = flag(env, "ALLOW_HTTP_WEBHOOKS", false);
        Optional<String> url = Config.text(env, "WEBHOOK_URL");
        Optional<String> secret = Config.text(env, "WEBHOOK_SECRET");
        if (url.isPresent()) {
            try {
                WebhookUrls.check("WEBHOOK_URL", url.get(), allowHttp);
            } catch (ValidationException e) {
                throw new ConfigException(e.getMessage());
            }
            if (secret.isEmpty()) {
                throw new ConfigException("WEBHOOK_SECRET is required with WEBHOOK_URL (whsec_<base64>, e.g. from"
                        + " `openssl rand -base64 32`)");
            }
        }
        if (secret.isPresent()) {
            try {
                if (StandardWebhookSender.key(secret.get()).length < 16) {
                    throw new ConfigException("WEBHOOK_SECRET's key must be at least 16 bytes (24 to 64 recommended)");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("WEBHOOK_SECRET must be whsec_ followed by base64, e.g. whsec_"
                        + "<output of `openssl rand -base64 32`>");
            }
        }
        RetrySchedule schedule;
        try {
            schedule = new RetrySchedule(RetrySchedule.parse(Config.text(env, "WEBHOOK_RETRY_SCHEDULE")
                    .orElse(RetrySchedule.DEFAULT)),
                    Duration.ofMinutes(Config.number(env, "WEBHOOK_RETRY_WINDOW_MINUTES",
                            RetrySchedule.DEFAULT_WINDOW.toMinutes(), 1, 30L * 24 * 60)),
                    RetrySchedule.DEFAULT_JITTER);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("WEBHOOK_RETRY_SCHEDULE: " + e.getMessage());
        }
        return new Settings(url, secret, allowHttp, schedule,
                (int) Config.number(env, "WEBHOOK_DISABLE_AFTER_FAILURES", 20, 1, 1_000_000),
                flag(env, "WEBHOOK_DISPATCHER", true),
                Duration.ofMillis(Config.number(env, "WEBHOOK_DISPATCH_INTERVAL_MS", 1000, 10, 3_600_000)),
                (int) Config.number(env, "WEBHOOK_DISPATCH_BATCH", 100, 1, 10_000),
                (int) Config.number(env, "WEBHOOK_DISPATCH_CONCURRENCY", 8, 1, 256),
                Duration.ofHours(Config.number(env, "WEBHOOK_SECRET_ROTATION_HOURS", 24, 0, 24 * 30)),
                Duration.ofDays(Config.number(env, "EXPIRY_NOTICE_DAYS", 7, 0, 3650)),
                Duration.ofSeconds(Config.number(env, "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", 60, 1, 86_400)));
    }

    /** Registers the admin API and starts the workers. */
    static void register(Creditline.Core core) {
        Settings s = settings(core.config().env());
        OpenApiDocument.include(core.rc(), "webhooks");
        JdbiWebhookEndpointRepository endpoints = new JdbiWebhookEndpointRepository(core.tx());
        JdbiWebhookDeliveryRepository deliveries = new JdbiWebhookDeliveryRepository(core.tx());
        if (s.url().isPresent()) {
            core.tx().inTransaction(() -> endpoints.upsertConfigured(CONFIGURED_ENDPOINT, s.url().get(),
                    s.secret().orElseThrow(), core.clock().instant().plus(s.rotationGrace()), core.clock().instant()));
        } else {
            core.tx().inTransaction(() -> endpoints.disableConfigured(CONFIGURED_ENDPOINT,
                    JdbiWebhookEndpointRepository.UNSET_REASON, core.clock().instant()));
        }
        core.rc().register(new AdminWebhookEndpointsResource(new WebhookEndpointService(core.tx(), endpoints,
                new JdkWebhookHostCheck(s.allowHttp(), Duration.ofSeconds(3)), core.clock(), s.allowHttp(),
                s.rotationGrace())));
        core.rc().register(new AdminWebhookDeliveriesResource(new WebhookDeliveryService(deliveries, core.clock())));

        if (s.dispatch()) {
            AtomicInteger n = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(s.senders(), r -> {
                Thread t = new Thread(r, "creditline-webhook-sender-" + n.incrementAndGet());
                t.setDaemon(true);
                // An attempt whose outcome could not be recorded (database down): its lease expires
                // and the delivery is attempted again.
                t.setUncaughtExceptionHandler((thread, e) -> LOG.warn(
                        "webhook attempt not recorded, will be attempted again after its lease: {}", e.toString()));
                return t;
            });
            WebhookDispatchService dispatcher = new WebhookDispatchService(deliveries, new StandardWebhookSender(),
                    core.clock(), s.schedule(), s.disableAfter(), s.batch(), lease(), senders, s.senders(),
                    WebhookDispatchService.perEndpointFor(s.senders()), s.interval());
            PeriodicWorker worker = new PeriodicWorker("creditline-webhook-dispatcher", s.interval(), () -> {
                try {
                    // A full batch means more is waiting: go on at once (bounded, then the next pass).
                    for (int i = 0; i < 10 && dispatcher.dispatch() >= s.batch(); i++) {
                        // next batch
                    }
                } catch (RuntimeException e) {
                    LOG.warn("webhook dispatcher pass failed, will retry: {}", e.toString());
                }
            });
            worker.start();
            core.closeOnShutdown(() -> {
                worker.stop();
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
            });
        }

        LotExpiryNoticeService notices = new LotExpiryNoticeService(core.tx(), new JdbiExpiringLotNotices(core.tx()),
                core.events(), core.clock(), s.expiryNotice());
        PeriodicWorker noticeWorker = new PeriodicWorker("creditline-lot-expiry-notices", s.noticeInterval(), () -> {
            try {
                int noticed = notices.noticeExpiringLots(500);
                if (noticed > 0) {
                    LOG.info("lot.expiring: {} lots noticed", noticed);
                }
            } catch (RuntimeException e) {
                LOG.warn("lot expiry notice pass failed, will retry: {}", e.toString());
            }
        });
        noticeWorker.start();
        core.closeOnShutdown(noticeWorker);
    }

    /** A claimed delivery's lease: well beyond the 10 s HTTP timeout. */
    static Duration lease() {
        return StandardWebhookSender.TIMEOUT.multipliedBy(6);
    }

    private static boolean flag(Map<String, String> env, String name, boolean otherwise) {
        Optional<String> v = Config.text(env, name).map(x -> x.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) {
            return otherwise;
        }
        return switch (v.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + v.get() + "'");
        };
    }
}
