package dev.creditline.application.service;

import dev.creditline.application.port.in.events.DispatchWebhooksUseCase;
import dev.creditline.application.port.out.events.ClaimedDelivery;
import dev.creditline.application.port.out.events.WebhookDeliveryRepository;
import dev.creditline.application.port.out.events.WebhookSender;
import dev.creditline.domain.event.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The webhook dispatcher (docs/events.md "Delivery"). Several instances may run at once: fan-out
 * takes outbox rows with {@code FOR UPDATE SKIP LOCKED}; each attempt is made by the holder of the
 * delivery's lease only, after the claiming transaction committed, and its outcome is recorded
 * only while the lease is still held. The lease outlasts the HTTP timeout, so one attempt is never
 * made twice at the same moment.
 *
 * <p>Attempts run on {@code concurrency} senders; a pass claims only as many deliveries as senders
 * are free and does not wait for the attempts to end, and no endpoint gets more than
 * {@code perEndpoint} attempts in flight (across instances). A receiver that hangs until the
 * timeout therefore holds at most {@code perEndpoint} senders while the others keep delivering to
 * every other endpoint.
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
    private final Semaphore free;
    private final int perEndpoint;
    private final Duration slotWait;

    /**
     * @param disableAfter consecutive failed deliveries after which an endpoint is disabled
     * @param batch        most events fanned out and attempts started per pass
     * @param lease        how long a claimed delivery is reserved (longer than the HTTP timeout)
     * @param senders      runs the HTTP attempts; must run at least {@code concurrency} at once
     * @param concurrency  attempts in flight at once on this instance (≥ 1)
     * @param perEndpoint  attempts in flight at once per endpoint, all instances together (≥ 1)
     * @param slotWait     how long a pass waits for a sender to become free before it ends
     */
    public WebhookDispatchService(WebhookDeliveryRepository deliveries, WebhookSender sender, Clock clock,
                                  RetrySchedule schedule, int disableAfter, int batch, Duration lease,
                                  Executor senders, int concurrency, int perEndpoint, Duration slotWait) {
        if (concurrency < 1 || perEndpoint < 1) {
            throw new IllegalArgumentException("concurrency and perEndpoint must be at least 1");
        }
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
        this.schedule = schedule;
        this.disableAfter = disableAfter;
        this.batch = batch;
        this.lease = lease;
        this.senders = senders;
        this.free = new Semaphore(concurrency);
        this.perEndpoint = perEndpoint;
        this.slotWait = slotWait;
    }

    /** The per-endpoint limit for {@code concurrency} senders: half of them, at least one. */
    public static int perEndpointFor(int concurrency) {
        return Math.max(1, concurrency / 2);
    }

    @Override
    public int dispatch() {
        deliveries.fanOut(clock.instant(), batch);
        int started = 0;
        while (started < batch) {
            int slots = free.drainPermits();
            if (slots == 0) {
                try {
                    if (!free.tryAcquire(slotWait.toNanos(), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                slots = 1 + free.drainPermits();
            }
            List<ClaimedDelivery> claims;
            try {
                Instant now = clock.instant();
                claims = deliveries.claimDue(now, now.plus(lease), Math.min(slots, batch - started), perEndpoint);
            } catch (RuntimeException e) {
                free.release(slots);
                throw e;
            }
            free.release(slots - claims.size());
            for (ClaimedDelivery c : claims) {
                start(c);
            }
            started += claims.size();
            if (claims.size() < slots) {
                break; // nothing more is due now (or every endpoint with due deliveries is at its limit)
            }
        }
        return started;
    }

    /** Runs one leased delivery's attempt on a sender; its slot is given back when the attempt ends. */
    private void start(ClaimedDelivery c) {
        try {
            senders.execute(() -> {
                try {
                    attempt(c);
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException e) {
            // Shutting down: the lease expires and the delivery is attempted again later.
            free.release();
        }
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
