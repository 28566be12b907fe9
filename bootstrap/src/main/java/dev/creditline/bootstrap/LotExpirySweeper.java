package dev.creditline.bootstrap;

import dev.creditline.application.port.in.SweepExpiredLotsUseCase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the lot expiries of users nobody touches, on one daemon thread every
 * {@code LOT_EXPIRY_SWEEP_INTERVAL_SECONDS} (docs/lots.md). Safe with several instances:
 * each user is taken with {@code FOR UPDATE SKIP LOCKED} and each expiry ref is unique.
 */
public final class LotExpirySweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LotExpirySweeper.class);

    private final SweepExpiredLotsUseCase lots;
    private final Duration interval;
    private final int batch;
    private final PeriodicWorker worker;

    /**
     * @param interval delay between passes
     * @param batch    most users handled per pass
     */
    public LotExpirySweeper(SweepExpiredLotsUseCase lots, Duration interval, int batch) {
        this.lots = lots;
        this.interval = interval;
        this.batch = batch;
        this.worker = new PeriodicWorker("creditline-lot-expiry-sweeper", interval, this::runOnce);
    }

    /** Schedules the passes; a second call does nothing. */
    public void start() {
        worker.start();
    }

    /**
     * One pass; failures are logged and retried at the next pass.
     *
     * @return the number of lots closed
     */
    public int runOnce() {
        try {
            int closed = lots.sweepExpiredLots(batch);
            if (closed > 0) {
                LOG.info("lot expiry sweeper: {} lots expired", closed);
            }
            return closed;
        } catch (RuntimeException e) {
            LOG.warn("lot expiry sweeper pass failed, will retry: {}", e.toString());
            return 0;
        }
    }

    /** Stops scheduling, waits up to 10 s for a running pass. Idempotent. */
    @Override
    public void close() {
        worker.stop();
    }
}
