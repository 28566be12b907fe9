package dev.creditline.domain.billing;

import dev.creditline.domain.ValidationException;

import java.math.BigInteger;

/**
 * Credits taken back when a credit-pack payment is refunded (billing.md "Webhook",
 * {@code charge.refunded}).
 */
public final class Clawback {

    private Clawback() {
    }

    /**
     * {@code floor(credits × refundedAmount / paidAmount)}, capped at {@code currentBalance}
     * and never below 0. Exact arithmetic (no overflow for any {@code long} inputs). A refund
     * larger than the payment is treated as a full refund (at most {@code credits}).
     * Amounts are in the payment's smallest currency unit (cents); {@code refundedAmount}
     * is the amount of the refund being applied (the ref is per refund id).
     *
     * @param credits        credits the payment granted, ≥ 0
     * @param refundedAmount refunded amount, ≥ 0
     * @param paidAmount     amount of the payment, &gt; 0
     * @param currentBalance the user's balance now; a value ≤ 0 gives 0
     * @return credits to debit (ledger {@code refund_clawback}), 0..min(credits, balance)
     * @throws ValidationException field {@code credits}, {@code refundedAmount} when
     *         negative, {@code paidAmount} when not positive
     */
    public static long amount(long credits, long refundedAmount, long paidAmount, long currentBalance) {
        if (credits < 0) {
            throw new ValidationException("credits", "must not be negative");
        }
        if (refundedAmount < 0) {
            throw new ValidationException("refundedAmount", "must not be negative");
        }
        if (paidAmount <= 0) {
            throw new ValidationException("paidAmount", "must be positive");
        }
        long refunded = Math.min(refundedAmount, paidAmount);
        // non-negative operands: BigInteger.divide truncates toward zero = floor
        long proportional = BigInteger.valueOf(credits)
                .multiply(BigInteger.valueOf(refunded))
                .divide(BigInteger.valueOf(paidAmount))
                .longValueExact();
        return Math.max(0, Math.min(proportional, currentBalance));
    }

    /**
     * Clawback for a charge whose event reports only the cumulative refunded amount (Stripe's
     * {@code charge.amount_refunded}; dahlia {@code charge.refunded} payloads often omit
     * {@code refunds.data}). The credits due for the whole refunded amount so far, minus the
     * credits due for what was already applied, so each cent is clawed back once whatever the
     * number of events: {@code floor(c × nowRefunded / paid) − floor(c × applied / paid)},
     * capped at {@code currentBalance}, never below 0. Nothing is due when
     * {@code nowRefunded ≤ alreadyApplied} (a stale or repeated event).
     *
     * @param credits        credits the payment granted, ≥ 0
     * @param nowRefunded    cumulative refunded amount reported by the event (cents), ≥ 0
     * @param alreadyApplied cumulative refunded amount already clawed back for this charge (cents), ≥ 0
     * @param paidAmount     amount of the payment (cents), &gt; 0
     * @param currentBalance the user's balance now
     * @return credits to debit, 0..min(credits, balance)
     * @throws ValidationException field {@code alreadyApplied} when negative, and as {@link #amount}
     */
    public static long forCumulativeRefund(long credits, long nowRefunded, long alreadyApplied, long paidAmount,
                                           long currentBalance) {
        if (alreadyApplied < 0) {
            throw new ValidationException("alreadyApplied", "must not be negative");
        }
        if (nowRefunded <= alreadyApplied) {
            amount(credits, nowRefunded, paidAmount, 0); // validates the arguments
            return 0;
        }
        long total = amount(credits, nowRefunded, paidAmount, Long.MAX_VALUE);
        long before = amount(credits, alreadyApplied, paidAmount, Long.MAX_VALUE);
        return Math.max(0, Math.min(total - before, currentBalance));
    }

    /**
     * How a clawback of {@code due} credits is settled against the balance when the shortfall
     * is forgiven ({@code REFUND_SHORTFALL=forgive}); see {@link #settle(long, long, Shortfall)}.
     */
    public static Settlement settle(long due, long currentBalance) {
        return settle(due, currentBalance, Shortfall.FORGIVE);
    }

    /**
     * How a clawback of {@code due} credits is settled against the balance: what the ledger
     * debits now (the balance never goes negative) and what happens to the part the balance
     * cannot cover: it becomes the user's debt, repaid from the next lots
     * ({@link Shortfall#DEBT}, docs/lots.md), or is forgiven ({@link Shortfall#FORGIVE}).
     * Every clawback of refunds and disputes is settled here.
     *
     * @param due            credits the refund or dispute takes back, ≥ 0
     * @param currentBalance the user's balance now
     * @param shortfall      the {@code REFUND_SHORTFALL} policy
     * @return {@code debit} (0..min(due, balance)) and {@code due − debit} as debt or forgiven
     * @throws ValidationException field {@code due} when negative
     */
    public static Settlement settle(long due, long currentBalance, Shortfall shortfall) {
        if (due < 0) {
            throw new ValidationException("due", "must not be negative");
        }
        long debit = Math.max(0, Math.min(due, currentBalance));
        return shortfall == Shortfall.DEBT
                ? new Settlement(debit, 0, due - debit)
                : new Settlement(debit, due - debit, 0);
    }

    /** What becomes of the credits of a clawback the balance cannot cover ({@code REFUND_SHORTFALL}). */
    public enum Shortfall {
        /** The user owes them: {@code credits_debt}, repaid from the next lots. */
        DEBT,
        /** They are forgiven. */
        FORGIVE
    }

    /**
     * A settled clawback; {@code debit + forgiven + debt} is the credits due.
     *
     * @param debit    credits debited now (ledger {@code refund_clawback}, negative delta)
     * @param forgiven credits the balance could not cover, forgiven
     * @param debt     credits the balance could not cover, added to the user's debt
     */
    public record Settlement(long debit, long forgiven, long debt) {

        /** A settlement without debt. */
        public Settlement(long debit, long forgiven) {
            this(debit, forgiven, 0);
        }
    }
}
