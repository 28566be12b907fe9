package dev.creditline.application.port.in;

/**
 * Releases open holds whose deadline passed (lesson 11), safe with several
 * service instances running it at once.
 */
public interface SweepExpiredHoldsUseCase {

    /**
     * Expires up to {@code max} holds, each in its own short transaction.
     *
     * @return the number of holds expired
     */
    int sweepExpiredHolds(int max);
}
