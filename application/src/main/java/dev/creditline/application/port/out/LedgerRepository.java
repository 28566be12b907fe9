package dev.creditline.application.port.out;

import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerVerification;
import java.time.Instant;
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

    /**
     * {@link #append}, refused with {@link AppendResult.AllowanceDue} (nothing written) when the user is on the
     * free plan ({@code plan = free}) and the anchor of its free allowance ({@code monthly_credits_granted_at},
     * else its creation) is at or before {@code anchorCutoff} ({@code FreeAllowance.dueAnchorCutoff}): a grant
     * is due and must commit before the debit (lesson 3). Decided on the row the append locks, so the
     * debit's path needs no read of the user before it. An unknown user is {@link AppendResult.UnknownUser};
     * a due grant comes before every other refusal.
     *
     * @param anchorCutoff UTC instant; free users anchored at or before it have a grant due
     */
    AppendResult appendUnlessAllowanceDue(LedgerAppend append, Instant anchorCutoff);

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
