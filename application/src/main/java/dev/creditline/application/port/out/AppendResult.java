package dev.creditline.application.port.out;

import dev.creditline.domain.ledger.LedgerEntry;

/** What {@link LedgerRepository#append} did. */
public sealed interface AppendResult {

    /** The entry was written and the balance moved. */
    record Appended(LedgerEntry entry) implements AppendResult { }

    /** The idempotent ref was used before: nothing written. */
    record Duplicate() implements AppendResult { }

    /** A debit larger than {@code balance} credits: nothing written. */
    record Insufficient(long balance) implements AppendResult { }

    /** No such user: nothing written. */
    record UnknownUser() implements AppendResult { }

    /**
     * Only from {@link LedgerRepository#appendUnlessAllowanceDue}: the user's free allowance grant is due and
     * must commit first; nothing written.
     */
    record AllowanceDue() implements AppendResult { }
}
