package dev.creditline.domain.event;

import java.util.Optional;

/**
 * The outbound event types of events.md "Event types", each with its wire name (the {@code type}
 * of the delivered body and the name endpoints subscribe to). Every event's data carries the
 * {@code userId} it is about.
 */
public enum EventType {
    /** The Auth.js adapter created a user; data: the user. */
    USER_CREATED("user.created"),
    /** A user was deleted (any path); data: {@code {userId, email}}. */
    USER_DELETED("user.deleted"),
    /** A lot was created; data: the lot and the user's {@code balance} after it. */
    CREDITS_GRANTED("credits.granted"),
    /** A change took the balance from at least a threshold to below it; data: {@code {threshold, balance}}. */
    CREDITS_LOW("credits.low"),
    /** The balance reached 0 or a 402 was answered; data: {@code {balance, required?}}. */
    CREDITS_DEPLETED("credits.depleted"),
    /** The balance rose back to at least a threshold that fired; data: {@code {threshold, balance}}. */
    CREDITS_RECOVERED("credits.recovered"),
    /** A lot with remaining credits expires within the notice period; once per lot; data: the lot. */
    LOT_EXPIRING("lot.expiring"),
    /** A lot's expiry entry was written; data: the lot and {@code expired} (credits). */
    LOT_EXPIRED("lot.expired"),
    /** A credit pack was granted; data: {@code {packId, credits, checkoutSessionId?, paymentIntentId?}}. */
    PURCHASE_COMPLETED("purchase.completed"),
    /** Plan, status or cancel-at-period-end changed; data: {@code {plan, status, cancelAtPeriodEnd, periodEnd}}. */
    SUBSCRIPTION_UPDATED("subscription.updated"),
    /** A refund took credits back; data: {@code {credits, debt, chargeId}}. */
    REFUND_CLAWED_BACK("refund.clawed_back"),
    /** The sweeper settled an expired hold; data: the hold. */
    HOLD_EXPIRED("hold.expired"),
    /** An auto top-up was paid; data: the attempt. */
    TOPUP_SUCCEEDED("topup.succeeded"),
    /** An auto top-up failed or was refused (monthly limit); data: the attempt. */
    TOPUP_FAILED("topup.failed"),
    /** An auto top-up needs the customer (3-D Secure); data: the attempt. */
    TOPUP_ACTION_REQUIRED("topup.action_required");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code credits.granted}. */
    public String wireName() {
        return wireName;
    }

    /** The type with wire name {@code wire}; empty for anything else (including null). */
    public static Optional<EventType> fromWire(String wire) {
        for (EventType t : values()) {
            if (t.wireName.equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
