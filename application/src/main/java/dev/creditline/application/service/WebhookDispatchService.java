package dev.creditline.application.service;

import dev.creditline.application.port.in.events.DispatchWebhooksUseCase;
import dev.creditline.application.port.out.events.ClaimedDelivery;
import dev.creditline.application.port.out.events.WebhookDeliveryRepository;
import dev.creditline.application.port.out.events.WebhookSender;
import dev.creditline.domain.event.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The webhook dispatcher (docs/events.md "Delivery"). Several instances may run at once: fan-out
 * takes outbox rows with {@code FOR UPDATE SKIP LOCKED}; each attempt is made by the holder of the
 * delivery's lease only, after the claiming transaction committed, and its outcome is recorded
 * only while the lease is still held. The lease outlasts the HTTP timeout, so one attempt is never
 * made twice at the same moment.
 */
public final class WebhookDispatchService implements DispatchWebhooksUseCase {

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final int disableAfter;
    private final int batch;
    private final Duration lease;
    private final Executor senders;

    /**
     * @param disableAfter consecutive failed deliveries after which an endpoint is disabled
     * @param batch        most events fanned out and deliveries attempted per pass
     * @param lease        how long a claimed delivery is reserved (longer than the HTTP timeout)
     * @param senders      runs the HTTP attempts of a pass in parallel
     */
    public WebhookDispatchService(WebhookDeliveryRepository deliveries, WebhookSender sender, Clock clock,
                                  RetrySchedule schedule, int disableAfter, int batch, Duration lease,
                                  Executor senders) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
        this.schedule = schedule;
        this.disableAfter = disableAfter;
        this.batch = batch;
        this.lease = lease;
        this.senders = senders;
    }

    @Override
    public int dispatch() {
        Instant now = clock.instant();
        deliveries.fanOut(now, batch);
        List<ClaimedDelivery> claims = deliveries.claimDue(now, now.plus(lease), batch);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (ClaimedDelivery c : claims) {
            running.add(CompletableFuture.runAsync(() -> attempt(c), senders));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return claims.size();
    }

    /** One attempt of a leased delivery and its record. */
    private void attempt(ClaimedDelivery c) {
        WebhookSender.Outcome outcome = sender.send(c.url(), c.eventId(), c.body(), c.secrets(), clock.instant());
        Instant done = clock.instant();
        Optional<Instant> retryAt = outcome.delivered() ? Optional.empty()
                : schedule.nextAttempt(c.step() + 1, c.windowStart(), done, ThreadLocalRandom.current().nextDouble());
        deliveries.record(c, outcome, done, retryAt, disableAfter);
    }
}
