package dev.creditline.bootstrap;

import dev.creditline.application.port.in.SweepExpiredHoldsUseCase;
import dev.creditline.application.service.IdempotencyService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background housekeeping of metering on one daemon thread: releases expired holds
 * (lesson 11; safe with several instances thanks to {@code FOR UPDATE SKIP LOCKED}) and
 * purges idempotency keys past their retention. {@link #start()} schedules it at a fixed delay;
 * {@link #stop()} lets a running pass finish (up to 10 s) and stops the thread.
 */
public final class HoldSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);

    private final SweepExpiredHoldsUseCase holds;
    private final IdempotencyService keys;
    private final Duration interval;
    private final int batch;
    private final PeriodicWorker worker;

    /**
     * @param interval delay between passes ({@code HOLD_SWEEP_INTERVAL_SECONDS})
     * @param batch    most holds expired and keys purged per pass ({@code HOLD_SWEEP_BATCH})
     */
    public HoldSweeper(SweepExpiredHoldsUseCase holds, IdempotencyService keys, Duration interval, int batch) {
        this.holds = holds;
        this.keys = keys;
        this.interval = interval;
        this.batch = batch;
        this.worker = new PeriodicWorker("creditline-hold-sweeper", interval, this::runOnce);
    }

    /** Schedules the passes; a second call does nothing. */
    public void start() {
        if (worker.start()) {
            LOG.info("hold sweeper started: every {} s, at most {} holds per pass", interval.toSeconds(), batch);
        }
    }

    /** Whether the sweeper is scheduled and not stopped. */
    public boolean isRunning() {
        return worker.isRunning();
    }

    /**
     * One pass: expires up to {@code batch} holds, purges up to {@code batch} old keys. Failures
     * are logged and retried at the next pass.
     *
     * @return the number of holds expired
     */
    public int runOnce() {
        try {
            int swept = holds.sweepExpiredHolds(batch);
            int purged = keys.purge(batch);
            if (swept > 0 || purged > 0) {
                LOG.info("hold sweeper: {} expired holds released, {} idempotency keys purged", swept, purged);
            }
            return swept;
        } catch (RuntimeException e) {
            LOG.warn("hold sweeper pass failed, will retry: {}", e.toString());
            return 0;
        }
    }

    /** Stops scheduling, waits up to 10 s for a running pass, then interrupts it. Idempotent. */
    public void stop() {
        if (worker.stop()) {
            LOG.info("hold sweeper stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
