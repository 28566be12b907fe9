package dev.creditline.application.service;

import dev.creditline.application.port.in.PerformStripeIntentsUseCase;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Stripe outbox (docs/billing.md "Stripe intents"): a Stripe call is decided inside a
 * transaction as a row of {@code stripe_intents}; after commit it is performed here, never
 * inside a transaction, and retried until Stripe confirms. Every attempt sends the intent's own
 * idempotency key, so a retry after a lost answer replays Stripe's first answer.
 */
public final class StripeIntentService implements PerformStripeIntentsUseCase {

    private static final System.Logger LOG = System.getLogger(StripeIntentService.class.getName());

    /** How long a claimed intent stays with its worker before another may take it. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final StripeIntentRepository intents;
    private final Optional<PaymentGateway> gateway;
    private final Clock clock;
    private volatile java.util.function.Consumer<StripeIntent> topUps;

    /** @param gateway empty when {@code STRIPE_SECRET_KEY} is unset (intents then wait) */
    public StripeIntentService(StripeIntentRepository intents, Optional<PaymentGateway> gateway, Clock clock) {
        this.intents = intents;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Performs {@link StripeIntent#TOPUP_PAYMENT_INTENT} intents (auto top-up's off-session charge). */
    public StripeIntentService withTopUps(java.util.function.Consumer<StripeIntent> charge) {
        this.topUps = charge;
        return this;
    }

    @Override
    public int performDue(int max) {
        if (gateway.isEmpty()) {
            return 0;
        }
        int done = 0;
        for (int i = 0; i < max; i++) {
            Instant now = now();
            Optional<StripeIntent> claimed = intents.claimDue(now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                break;
            }
            StripeIntent intent = claimed.get();
            try {
                perform(intent);
                intents.markDone(intent.id(), now());
                done++;
            } catch (PaymentGatewayException e) {
                Instant next = now().plus(backoff(intent.attempts()));
                LOG.log(System.Logger.Level.WARNING, "Stripe intent {0} {1} {2} failed (attempt {3}), retrying at {4}: {5}",
                        intent.id(), intent.kind(), intent.targetId(), intent.attempts(), next, e.getMessage());
                intents.retryAt(intent.id(), next, e.getMessage());
            }
        }
        return done;
    }

    /**
     * Performs one intent's call (outside any transaction). A subscription or session that Stripe
     * no longer has ({@code resource_missing}) counts as done: there is nothing left to cancel.
     *
     * @return for {@link StripeIntent#CANCEL_AT_PERIOD_END}, when the cancellation takes effect
     *         (may be null); otherwise null
     * @throws PaymentGatewayException when Stripe fails
     */
    public Instant perform(StripeIntent intent) {
        PaymentGateway stripe = gateway.orElseThrow(() -> new PaymentGatewayException("Stripe not configured"));
        try {
            switch (intent.kind()) {
                case StripeIntent.CANCEL_NOW -> stripe.cancelNow(intent.targetId(), intent.idempotencyKey());
                case StripeIntent.CANCEL_AT_PERIOD_END -> {
                    return stripe.cancelAtPeriodEnd(intent.targetId(), intent.idempotencyKey());
                }
                case StripeIntent.EXPIRE_CHECKOUT_SESSION ->
                        stripe.expireCheckoutSession(intent.targetId(), intent.idempotencyKey());
                case StripeIntent.TOPUP_PAYMENT_INTENT -> {
                    if (topUps == null) {
                        throw new PaymentGatewayException("auto top-up is not wired");
                    }
                    topUps.accept(intent);
                }
                default -> throw new PaymentGatewayException("unknown Stripe intent kind " + intent.kind());
            }
        } catch (PaymentGatewayException e) {
            if (!StripeIntent.CANCEL_AT_PERIOD_END.equals(intent.kind()) && gone(e)) {
                return null;
            }
            throw e;
        }
        return null;
    }

    /** Stripe no longer has the object ({@code resource_missing}, HTTP 404). */
    static boolean gone(PaymentGatewayException e) {
        return "resource_missing".equals(e.providerErrorCode())
                || (e.providerStatus() != null && e.providerStatus() == 404);
    }

    /** 5 s, 10 s, 20 s … doubling per attempt, at most an hour. */
    static Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }

    private Instant now() {
        return clock.instant();
    }
}
