package dev.creditline.application.service.billing;

/**
 * A permanent problem with a billing event (unknown user or customer, unknown price or plan,
 * unreadable metadata, a missing field): thrown by a handler, caught by the webhook inside the
 * event's transaction and recorded on the event row with its code; the event is answered 200, so
 * Stripe does not retry it. What the handler recorded before throwing (e.g. a cancel intent for an
 * orphaned subscription) commits with the event.
 */
public final class WebhookProblem extends RuntimeException {

    private final String code;

    /**
     * @param code    stable code for admins ({@code UNKNOWN_USER}, {@code MISSING_FIELD}, …)
     * @param message what was wrong, naming the Stripe object
     */
    public WebhookProblem(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The problem's stable code. */
    public String code() {
        return code;
    }

    /** This problem as the result recorded on the event row. */
    public WebhookResult result() {
        return WebhookResult.problem(code, getMessage());
    }
}
