package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.StoredBillingEvent;
import java.time.Instant;
import java.util.List;

/**
 * The webhook inbox (table {@code stripe_events}): every received event once, with its outcome.
 * Every method runs in the caller's transaction when there is one.
 */
public interface BillingEventInbox {

    /**
     * Inserts the event into the inbox ({@code ON CONFLICT DO NOTHING}) with outcome {@code applied}.
     *
     * @return false when the event id was stored before (a duplicate delivery)
     */
    boolean insertEvent(String eventId, String type, Instant created, String payload, Instant receivedAt);

    /** Sets the outcome of a stored event ({@code applied}, {@code ignored} or {@code problem}). */
    void setEventOutcome(String eventId, String outcome, String problemCode, String problem);

    /** Inbox rows newest first; {@code problemsOnly} keeps only events with a problem. */
    List<StoredBillingEvent> events(boolean problemsOnly, int limit, int offset);

    /** Number of inbox rows ({@code problemsOnly} as in {@link #events}). */
    long countEvents(boolean problemsOnly);
}
