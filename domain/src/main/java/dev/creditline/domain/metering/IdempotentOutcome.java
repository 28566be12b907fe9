package dev.creditline.domain.metering;

import java.util.Objects;

/**
 * What a request run under an idempotency key produced, kept with the key so that every retry
 * gets the same answer: the kind of outcome and the exact document answered (JSON text). How a
 * kind is told to the caller (a status line, a header) is the inbound adapter's business.
 *
 * @param kind     what the use case did, or why it refused
 * @param document the answer as sent the first time (the result, or the refusal's problem
 *                 document), never null
 */
public record IdempotentOutcome(Kind kind, String document) {

    public IdempotentOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }

    /**
     * The kinds of outcome worth replaying. Input that breaks a rule of shape or range is not one of
     * them: it writes nothing, so a corrected retry with the same key runs.
     */
    public enum Kind {
        /** The effect created something: a model call, a hold, a grant. */
        CREATED,
        /** The effect was applied to something that exists: a capture, release, extension, a consumption. */
        APPLIED,
        /** Refused: the request names an option the catalogue or the account does not have (an unknown pack). */
        REFUSED_UNKNOWN_OPTION,
        /** Refused: the balance or the guest's allowance does not cover it. */
        REFUSED_INSUFFICIENT_FUNDS,
        /** Refused: the caller may not act on it. */
        REFUSED_NOT_PERMITTED,
        /** Refused: what it acts on does not exist, or is not the caller's. */
        REFUSED_NOT_FOUND,
        /** Refused: what it acts on is in a state that forbids it (already settled, already claimed). */
        REFUSED_CONFLICT,
        /** Refused: what it acts on has expired. */
        REFUSED_EXPIRED,
        /** Refused by another business rule of a well-formed request. */
        REFUSED_BY_RULE,
        /** A remote service (the payment processor) failed. */
        FAILED_REMOTE,
        /** A feature it needs is not configured. */
        UNAVAILABLE
    }
}
