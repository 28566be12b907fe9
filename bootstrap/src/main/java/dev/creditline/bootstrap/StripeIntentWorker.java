package dev.creditline.bootstrap;

import dev.creditline.application.port.in.PerformStripeIntentsUseCase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the Stripe intents (docs/billing.md "Stripe intents") on one daemon thread: a pass
 * every {@code STRIPE_INTENT_INTERVAL_SECONDS}, and one right away when {@link #wake()} is
 * called after a commit that recorded intents. Several instances are safe (each intent is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and a lease).
 */
public final class StripeIntentWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StripeIntentWorker.class);
    private static final int BATCH = 100;

    private final PerformStripeIntentsUseCase intents;
    private final Duration interval;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final PeriodicWorker worker;

    /** @param interval delay between passes */
    public StripeIntentWorker(PerformStripeIntentsUseCase intents, Duration interval) {
        this.intents = intents;
        this.interval = interval;
        this.worker = new PeriodicWorker("creditline-stripe-intents", interval, this::runOnce);
    }

    /** Schedules the passes; a second call does nothing. */
    public void start() {
        if (worker.start()) {
            LOG.info("Stripe intent worker started: every {} s", interval.toSeconds());
        }
    }

    /** Runs a pass soon (after the current one), without waiting for it. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true) && !worker.submit(() -> {
            wakeQueued.set(false);
            runOnce();
        })) {
            wakeQueued.set(false);
        }
    }

    /** One pass; failures are logged and retried later. @return intents Stripe confirmed */
    public int runOnce() {
        try {
            int done = intents.performDue(BATCH);
            if (done > 0) {
                LOG.info("Stripe intent worker: {} calls confirmed", done);
            }
            return done;
        } catch (RuntimeException e) {
            LOG.warn("Stripe intent pass failed, will retry: {}", e.toString());
            return 0;
        }
    }

    /** Stops scheduling, waits up to 10 s for a running pass. Idempotent. */
    @Override
    public void close() {
        worker.stop();
    }
}
