package dev.creditline.application.port.out.events;

import java.time.Instant;

/**
 * The {@code data} of the outbound events (docs/events.md has an example of each). The outbox adds
 * {@code userId} to every one. Credits are whole credits; instants are UTC, written ISO-8601.
 */
public final class EventData {

    private EventData() {
    }

    /** {@code user.created}: the user as the adapter API shows it. */
    public record UserCreated(String email, String name, String image, Instant emailVerified, String plan,
                              String role, Instant createdAt) {
    }

    /** {@code user.deleted}. */
    public record UserDeleted(String email) {
    }

    /** A lot as {@code GET /api/credits/lots} shows it, plus its status and granting ref. */
    public record LotJson(long id, String category, long amount, long remaining, int priority, Instant expiresAt,
                          String status, Instant createdAt, String refType, String refId) {
    }

    /** {@code credits.granted}: the new lot and the balance after the grant (and any debt repaid from it). */
    public record CreditsGranted(LotJson lot, long balance) {
    }

    /** {@code lot.expiring}: a lot with credits left that expires within the notice period. */
    public record LotExpiring(LotJson lot) {
    }

    /** {@code lot.expired}: the lot and the credits its expiry entry took. */
    public record LotExpired(LotJson lot, long expired) {
    }

    /** {@code purchase.completed}: a credit pack granted. */
    public record PurchaseCompleted(String packId, long credits, String checkoutSessionId, String paymentIntentId) {
    }

    /** {@code subscription.updated}: the user's subscription state after the change. */
    public record SubscriptionUpdated(String plan, String status, boolean cancelAtPeriodEnd, Instant periodEnd) {
    }

    /** {@code refund.clawed_back}: credits debited and credits made debt for one refund. */
    public record RefundClawedBack(long credits, long debt, String chargeId) {
    }

    /** A hold as the metering API shows it, settled. */
    public record HoldJson(java.util.UUID id, long amount, String status, long captured, long released,
                           Instant createdAt, Instant expiresAt, String onExpiry) {
    }

    /** {@code hold.expired}: the hold the sweeper settled. */
    public record HoldExpired(HoldJson hold) {
    }
}
