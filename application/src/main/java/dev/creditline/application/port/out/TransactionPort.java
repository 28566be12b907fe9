package dev.creditline.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every effect of a use case commits together or not
 * at all (one transaction per effect). A call inside a running transaction
 * joins it. An exception thrown by the work rolls the transaction back and propagates.
 */
public interface TransactionPort {

    /** Runs {@code work} in a transaction and returns its result after commit. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a transaction. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
