package dev.creditline.application.port.out;

import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerVerification;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The credit ledger and the cached balance it maintains (tables {@code credit_ledger},
 * {@code users.credits_balance}). Must run inside a transaction for {@link #append}.
 */
public interface LedgerRepository {

    /**
     * Appends an entry and moves the cached balance under the user's row lock, in the
     * caller's transaction. Refuses, writing nothing, when the balance would go negative or
     * when an idempotent ref was already used.
     */
    AppendResult append(LedgerAppend append);

    /** Entries newest first (ties by id), {@code limit} from {@code offset}, with the total count. */
    LedgerPage history(UUID userId, int limit, int offset);

    /** Whether an entry with this idempotent ref exists for the user. */
    boolean refExists(UUID userId, String refType, String refId);

    /**
     * Checks every user's ledger (or just {@code userId}'s), streaming entries in id order,
     * and hands each user's verdict to {@code sink}.
     *
     * @return the number of users checked
     */
    long verify(Optional<UUID> userId, Consumer<LedgerVerification> sink);
}
