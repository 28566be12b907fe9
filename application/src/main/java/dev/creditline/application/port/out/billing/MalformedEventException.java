package dev.creditline.application.port.out.billing;

import java.time.Instant;

/**
 * A correctly signed event of a type we handle whose {@code data.object} cannot be read:
 * missing or not a JSON object, or a field present with the wrong JSON type (for example a
 * string where Stripe sends an integer amount). Missing fields are <em>not</em> malformed;
 * they become {@code null}.
 *
 * <p>Stripe would send the same bytes again on retry, so this is a permanent problem: the
 * caller records the event ({@link #eventId()}, {@link #type()}, {@link #created()},
 * {@link #payload()}) with this problem, visible to admins, and answers 200 so Stripe stops
 * retrying (spec: billing.md "Webhook" step 3).
 */
public class MalformedEventException extends RuntimeException {

    /** Stable error code. */
    public static final String CODE = "MALFORMED_STRIPE_EVENT";

    private final String eventId;
    private final String type;
    private final Instant created;
    private final String payload;

    /**
     * @param message what is wrong, e.g. {@code "data.object.amount_total is not a number"}
     * @param eventId Stripe event id ({@code evt_...})
     * @param type    Stripe event type, e.g. {@code checkout.session.completed}
     * @param created the event's {@code created} (Unix seconds) as an instant; {@code null} when
     *                {@code created} itself is unusable (the caller then records the time of receipt)
     * @param payload the raw, verified JSON body
     */
    public MalformedEventException(String message, String eventId, String type, Instant created,
                                   String payload) {
        super(message);
        this.eventId = eventId;
        this.type = type;
        this.created = created;
        this.payload = payload;
    }

    /** Stripe event id ({@code evt_...}). */
    public String eventId() {
        return eventId;
    }

    /** Stripe event type. */
    public String type() {
        return type;
    }

    /** Event creation time (from the envelope's {@code created}, Unix seconds). */
    public Instant created() {
        return created;
    }

    /** The raw verified JSON body. */
    public String payload() {
        return payload;
    }

    /** Always {@value #CODE}. */
    public String code() {
        return CODE;
    }
}
