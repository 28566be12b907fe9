package dev.creditline.application.port.in;

import java.util.UUID;

/**
 * The rule "a due free allowance commits before the debit" (domain.md "Plans and monthly allowance"):
 * the grant (and any due lot expiry) is applied in a transaction of its own before the transaction that
 * debits the user, so a debit refused for want of credits (402) keeps the grant. The metering use cases
 * ({@link RecordModelCallUseCase}, {@link CreateHoldUseCase}) apply it themselves before their own
 * transaction; a caller that runs them inside a transaction of its own (an idempotency key's) calls
 * {@link #prepareDebit} first, outside it.
 */
public interface PrepareDebitUseCase {

    /** Applies the user's due free allowance and lot expiries, committed; nothing when none is due or no such user. */
    void prepareDebit(UUID userId);
}
