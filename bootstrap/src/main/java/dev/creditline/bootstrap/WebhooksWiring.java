package dev.creditline.bootstrap;

import dev.creditline.application.service.LotExpiryNoticeService;
import dev.creditline.application.service.WebhookDeliveryService;
import dev.creditline.application.service.WebhookDispatchService;
import dev.creditline.application.service.WebhookEndpointService;
import dev.creditline.persistence.JdbiExpiringLotNotices;
import dev.creditline.persistence.JdbiWebhookDeliveryRepository;
import dev.creditline.persistence.JdbiWebhookEndpointRepository;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.resource.AdminWebhookDeliveriesResource;
import dev.creditline.rest.resource.AdminWebhookEndpointsResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * {@link PeriodicWorker}; their settings are {@link Settings.WebhookSettings}, parsed at start.
 */
final class WebhooksWiring {

    private static final Logger LOG = LoggerFactory.getLogger(WebhooksWiring.class);

    /** The id of the {@code WEBHOOK_URL} endpoint: the same on every instance and every start. */
    static final UUID CONFIGURED_ENDPOINT = UUID.nameUUIDFromBytes("creditline:WEBHOOK_URL".getBytes(StandardCharsets.UTF_8));

    private WebhooksWiring() {
    }

    /** Registers the admin API and starts the workers. */
    static void register(Creditline.Core core) {
        Settings.WebhookSettings s = core.settings().webhooks();
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
}
