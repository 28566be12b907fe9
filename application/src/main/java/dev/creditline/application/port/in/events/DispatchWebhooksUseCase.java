package dev.creditline.application.port.in.events;

/** One pass of the webhook dispatcher (docs/events.md "Delivery"). */
public interface DispatchWebhooksUseCase {

    /**
     * Fans new outbox events out to their endpoints, then attempts the due deliveries (after
     * commit, outside any transaction) and records each outcome.
     *
     * @return the number of attempts made
     */
    int dispatch();
}
