package dev.creditline.application.port.in;

/** Performs the Stripe calls recorded as intents, after their transaction committed (docs/billing.md "Stripe intents"). */
public interface PerformStripeIntentsUseCase {

    /**
     * Performs up to {@code max} due intents, each claimed by this caller alone, outside any
     * transaction; a failed call is due again later (exponential back-off, at most an hour), so
     * every intent is retried until Stripe confirms it.
     *
     * @return the number of intents Stripe confirmed in this pass
     */
    int performDue(int max);
}
