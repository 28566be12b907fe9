package dev.creditline.application.port.in;

/**
 * Applies lot expiries of users nobody touches (docs/lots.md), safe with several service
 * instances running it at once.
 */
public interface SweepExpiredLotsUseCase {

    /**
     * Expires the due lots of up to {@code maxUsers} users, each user in its own short transaction.
     *
     * @return the number of lots closed
     */
    int sweepExpiredLots(int maxUsers);
}
