package dev.creditline.application.port.in.events;

/** One pass of the webhook dispatcher (docs/events.md "Delivery"). */
public interface DispatchWebhooksUseCase {

    /**
     * Fans new outbox events out to their endpoints, then starts attempts of the due deliveries
     * (after the claim committed, outside any transaction) as senders become free; each attempt
     * records its own outcome when it ends. Returns without waiting for the attempts it started.
     *
     * @return the number of attempts started
     */
    int dispatch();
}
