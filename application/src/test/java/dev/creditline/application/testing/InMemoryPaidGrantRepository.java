package dev.creditline.application.testing;

import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.application.testing.InMemoryDatabase.EarlyRefund;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PaidGrantRepository} on {@link InMemoryDatabase}. Transactions are serialised, so the
 * per-payment lock has nothing to do.
 */
public final class InMemoryPaidGrantRepository implements PaidGrantRepository {

    private final InMemoryDatabase db;

    public InMemoryPaidGrantRepository(InMemoryDatabase db) {
        this.db = db;
    }

    private static List<String> id(PaidGrant.Kind kind, String key) {
        return List.of(kind.name(), key);
    }

    @Override
    public boolean insertPurchase(PackPurchase p) {
        return db.inTransaction(() -> {
            var t = db.tables();
            if (!t.users.containsKey(p.userId())) {
                throw new IllegalStateException("credit_pack_purchases violates its foreign key: no user " + p.userId());
            }
            // ON CONFLICT DO NOTHING covers every unique index: the session and the payment intent
            if (t.purchases.containsKey(p.stripeSessionId()) || p.paymentIntentId() != null
                    && t.purchases.values().stream().anyMatch(x -> p.paymentIntentId().equals(x.paymentIntentId()))) {
                return false;
            }
            t.purchases.put(p.stripeSessionId(), p);
            t.grants.put(id(PaidGrant.Kind.PACK, p.stripeSessionId()), new PaidGrant(PaidGrant.Kind.PACK,
                    p.stripeSessionId(), p.userId(), p.credits(), p.amountTotal(), p.paymentIntentId(), null, 0, 0, 0));
            return true;
        });
    }

    @Override
    public void lockPayment(List<String> keys) {
        // serialised transactions: nothing to wait for
    }

    @Override
    public Optional<PaidGrant> findGrant(String paymentIntentId, String chargeId, String invoiceId) {
        return db.inTransaction(() -> {
            var grants = db.tables().grants.values();
            Optional<PaidGrant> pack = grants.stream().filter(g -> g.kind() == PaidGrant.Kind.PACK
                    && paymentIntentId != null && paymentIntentId.equals(g.paymentIntentId())).findFirst();
            return pack.isPresent() ? pack : grants.stream().filter(g -> g.kind() == PaidGrant.Kind.INVOICE
                    && (same(paymentIntentId, g.paymentIntentId()) || same(chargeId, g.chargeId())
                    || same(invoiceId, g.key()))).findFirst();
        });
    }

    /** SQL equality: null equals nothing. */
    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }

    @Override
    public Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().grants.get(id(kind, key))));
    }

    @Override
    public void addClawback(PaidGrant.Kind kind, String key, long refundedCents, long creditsClawedBack,
                            long creditsForgiven) {
        db.inTransaction(() -> db.tables().grants.computeIfPresent(id(kind, key), (k, g) -> new PaidGrant(g.kind(),
                g.key(), g.userId(), g.credits(), g.amountPaid(), g.paymentIntentId(), g.chargeId(),
                g.refundedAmountApplied() + refundedCents, g.creditsClawedBack() + creditsClawedBack,
                g.creditsForgiven() + creditsForgiven)));
    }

    @Override
    public boolean insertInvoiceGrant(PaidGrant g, Instant grantedAt) {
        return db.inTransaction(() -> {
            var t = db.tables();
            if (!t.users.containsKey(g.userId())) {
                throw new IllegalStateException("stripe_invoice_grants violates its foreign key: no user " + g.userId());
            }
            boolean taken = t.grants.containsKey(id(PaidGrant.Kind.INVOICE, g.key())) || g.paymentIntentId() != null
                    && t.grants.values().stream().anyMatch(x -> x.kind() == PaidGrant.Kind.INVOICE
                    && g.paymentIntentId().equals(x.paymentIntentId()));
            if (taken) {
                return false;
            }
            t.grants.put(id(PaidGrant.Kind.INVOICE, g.key()), new PaidGrant(PaidGrant.Kind.INVOICE, g.key(),
                    g.userId(), g.credits(), g.amountPaid(), g.paymentIntentId(), g.chargeId(), 0, 0, 0));
            return true;
        });
    }

    @Override
    public void recordEarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                                  Instant eventCreated) {
        db.inTransaction(() -> {
            if (!db.tables().events.containsKey(eventId)) {
                throw new IllegalStateException("stripe_early_refunds violates its foreign key: no event " + eventId);
            }
            db.tables().earlyRefunds.putIfAbsent(eventId,
                    new EarlyRefund(eventId, paymentIntentId, chargeId, invoiceId, eventCreated));
        });
    }

    @Override
    public List<String> takeEarlyRefunds(String paymentIntentId, String chargeId, String invoiceId) {
        return db.inTransaction(() -> {
            var t = db.tables();
            List<EarlyRefund> taken = t.earlyRefunds.values().stream()
                    .filter(r -> same(paymentIntentId, r.paymentIntentId()) || same(chargeId, r.chargeId())
                            || same(invoiceId, r.invoiceId()))
                    .sorted(Comparator.comparing(EarlyRefund::eventCreated).thenComparing(EarlyRefund::eventId))
                    .toList();
            taken.forEach(r -> t.earlyRefunds.remove(r.eventId()));
            return taken.stream().map(r -> t.events.get(r.eventId())).filter(Objects::nonNull)
                    .map(StoredBillingEvent::payload).toList();
        });
    }
}
