package dev.creditline.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs a pass at a fixed delay: the scheduling shared by the background
 * workers (hold sweeper, lot expiry sweeper, Stripe intent worker). The pass itself must catch
 * its own failures, so one bad pass never cancels the schedule.
 */
final class PeriodicWorker implements AutoCloseable {

    private final String threadName;
    private final Duration interval;
    private final Runnable pass;
    private ScheduledExecutorService executor;

    PeriodicWorker(String threadName, Duration interval, Runnable pass) {
        this.threadName = threadName;
        this.interval = interval;
        this.pass = pass;
    }

    /** Schedules the passes; returns false (and does nothing) when already started. */
    synchronized boolean start() {
        if (executor != null) {
            return false;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(pass, ms, ms, TimeUnit.MILLISECONDS);
        return true;
    }

    /** Whether passes are scheduled and not stopped. */
    synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }

    /** Runs {@code task} on the worker's thread after the current pass; false when not running. */
    boolean submit(Runnable task) {
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
        }
        if (e == null || e.isShutdown()) {
            return false;
        }
        try {
            e.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /**
     * Stops scheduling, waits up to 10 s for a running pass, then interrupts it. Idempotent.
     *
     * @return whether this call stopped it
     */
    synchronized boolean stop() {
        if (executor == null || executor.isShutdown()) {
            return false;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    public void close() {
        stop();
    }
}
