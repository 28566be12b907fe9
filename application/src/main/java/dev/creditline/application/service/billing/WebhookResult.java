package dev.creditline.application.service.billing;

/**
 * What applying one verified billing event did, as recorded on its inbox row: {@code applied}
 * (the default of a stored event), {@code ignored} (nothing to do: a duplicate effect, an older
 * event, a kind not acted on) or {@code problem} with a stable code and a message for admins.
 *
 * @param outcome     {@link #APPLIED}, {@link #IGNORED} or {@link #PROBLEM}
 * @param problemCode the problem's code ({@code UNKNOWN_USER}, {@code PLAN_MISMATCH}, …), else null
 * @param problem     the problem's message, else null
 */
public record WebhookResult(String outcome, String problemCode, String problem) {

    /** The event changed something. */
    public static final String APPLIED = "applied";
    /** The event had nothing left to do. */
    public static final String IGNORED = "ignored";
    /** The event can never apply as sent; recorded for admins, answered 200. */
    public static final String PROBLEM = "problem";

    /** An applied event. */
    public static WebhookResult applied() {
        return new WebhookResult(APPLIED, null, null);
    }

    /** An ignored event. */
    public static WebhookResult ignored() {
        return new WebhookResult(IGNORED, null, null);
    }

    /** A problem (the event's effects so far stay: see {@link WebhookProblem}). */
    public static WebhookResult problem(String code, String message) {
        return new WebhookResult(PROBLEM, code, message);
    }

    /** {@code applied} when {@code changed}, else {@code ignored}. */
    public static WebhookResult appliedIf(boolean changed) {
        return changed ? applied() : ignored();
    }
}
