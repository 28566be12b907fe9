package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.events.ClaimedDelivery;
import dev.creditline.application.port.out.events.WebhookDeliveryRepository;
import dev.creditline.application.port.out.events.WebhookSender;
import dev.creditline.domain.event.RetrySchedule;
import dev.creditline.domain.event.WebhookDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's use of its senders: a pass claims only as many deliveries as senders are free,
 * does not wait for the attempts, gives every sender back when its attempt ends, and passes the
 * per-endpoint limit to the claim.
 */
class WebhookDispatchServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Hands out up to {@code due} claims in total, recording each request's max and per-endpoint limit. */
    private static final class Deliveries implements WebhookDeliveryRepository {
        private final AtomicInteger due;
        final List<int[]> claims = new ArrayList<>();
        final AtomicInteger recorded = new AtomicInteger();

        Deliveries(int due) {
            this.due = new AtomicInteger(due);
        }

        @Override
        public int fanOut(Instant now, int max) {
            return 0;
        }

        @Override
        public synchronized List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int max, int perEndpoint) {
            claims.add(new int[] {max, perEndpoint});
            List<ClaimedDelivery> out = new ArrayList<>();
            while (out.size() < max && due.get() > 0) {
                due.decrementAndGet();
                out.add(new ClaimedDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, 0, now,
                        UUID.randomUUID(), "https://hooks.example.com/x", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        "evt_1", "{}"));
            }
            return out;
        }

        @Override
        public boolean record(ClaimedDelivery claim, WebhookSender.Outcome outcome, Instant at,
                              Optional<Instant> retryAt, int disableAfter) {
            recorded.incrementAndGet();
            return true;
        }

        @Override
        public List<WebhookDelivery> list(String status, UUID endpointId, String eventType, int limit, int offset) {
            return List.of();
        }

        @Override
        public long count(String status, UUID endpointId, String eventType) {
            return 0;
        }

        @Override
        public Optional<WebhookDelivery> find(UUID id) {
            return Optional.empty();
        }

        @Override
        public Optional<WebhookDelivery> retry(UUID id, Instant now) {
            return Optional.empty();
        }
    }

    /** A receiver that answers only when released, counting attempts in flight. */
    private static final class HeldSender implements WebhookSender {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public Outcome send(String url, String eventId, String body, List<String> secrets, Instant at) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new Outcome(200, null, 1, at.getEpochSecond());
        }
    }

    private WebhookDispatchService service(Deliveries deliveries, WebhookSender sender, int concurrency) {
        return new WebhookDispatchService(deliveries, sender, CLOCK, RetrySchedule.defaults(), 20, 100,
                Duration.ofSeconds(60), pool, concurrency, WebhookDispatchService.perEndpointFor(concurrency),
                Duration.ofMillis(50));
    }

    @Test
    void a_pass_starts_only_as_many_attempts_as_senders_are_free_and_does_not_wait_for_them() throws Exception {
        Deliveries deliveries = new Deliveries(20);
        HeldSender sender = new HeldSender();
        WebhookDispatchService dispatcher = service(deliveries, sender, 4);

        long start = System.nanoTime();
        assertThat(dispatcher.dispatch()).isEqualTo(4);
        // every sender is busy: the next pass waits one slot-wait (50 ms) and starts nothing
        assertThat(dispatcher.dispatch()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(deliveries.claims).allMatch(c -> c[1] == 2); // half the senders per endpoint
        assertThat(deliveries.claims.get(0)[0]).isEqualTo(4);

        sender.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int started = 4;
        while (started < 20 && System.nanoTime() < deadline) {
            started += dispatcher.dispatch();
        }
        assertThat(started).isEqualTo(20);
        while (deliveries.recorded.get() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the asynchronous attempts' records
        }
        assertThat(deliveries.recorded.get()).isEqualTo(20);
        assertThat(sender.maxInFlight.get()).isLessThanOrEqualTo(4);
        // all senders are free again: one pass may claim four at once
        deliveries.due.set(4);
        assertThat(dispatcher.dispatch()).isEqualTo(4);
    }

    @Test
    void the_per_endpoint_limit_is_half_the_senders_and_at_least_one() {
        assertThat(WebhookDispatchService.perEndpointFor(1)).isEqualTo(1);
        assertThat(WebhookDispatchService.perEndpointFor(2)).isEqualTo(1);
        assertThat(WebhookDispatchService.perEndpointFor(8)).isEqualTo(4);
        assertThat(WebhookDispatchService.perEndpointFor(9)).isEqualTo(4);
    }
}
