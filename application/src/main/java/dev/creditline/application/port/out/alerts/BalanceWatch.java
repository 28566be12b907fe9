package dev.creditline.application.port.out.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * Told about every balance change by the ledger adapter, inside the change's transaction and
 * under the user's row lock (so changes of one user arrive one after the other, in commit order,
 * and whatever it records rolls back with the change). Implementations must be cheap when nothing
 * crosses: this runs on every debit.
 */
public interface BalanceWatch {

    /** A watch that does nothing. */
    BalanceWatch NONE = new BalanceWatch() {
        @Override
        public void changed(UUID userId, long before, long after, AlertMarks marks, Instant at) {
        }

        @Override
        public void refused(UUID userId, long required, long balance) {
        }
    };

    /**
     * The balance of {@code userId} moved from {@code before} to {@code after} (credits) at {@code at}.
     */
    void changed(UUID userId, long before, long after, AlertMarks marks, Instant at);

    /**
     * A debit of {@code required} credits was refused for a balance of {@code balance} (the caller
     * answers 402). Called after the refused transaction ended (committed or rolled back), outside any
     * transaction; must not throw.
     */
    void refused(UUID userId, long required, long balance);
}
