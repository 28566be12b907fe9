package dev.creditline.domain.hold;

/**
 * Money movements when a hold settles, all non-negative {@code long}
 * credits. With {@code held} the hold's amount:
 * <ul>
 *   <li>{@code captured}: part of the hold kept as payment, partial captures included;</li>
 *   <li>{@code released}: part of the hold refunded to the balance now (ledger
 *       {@code hold_release}), {@code held − captured};</li>
 *   <li>{@code extraDebit}: additional debit of this settlement when the final step costs more than
 *       the hold still reserves, limited to the available balance (ledger
 *       {@code hold_capture_adjustment});</li>
 *   <li>{@code shortfall}: the part of the final step's cost nobody paid.</li>
 * </ul>
 * Invariant: {@code captured + released == held}; for a hold never captured in steps also
 * {@code captured + extraDebit + shortfall == actual}.
 */
public record HoldSettlement(long captured, long released, long extraDebit, long shortfall) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException for a negative amount, or a settlement that both
     *         releases and debits extra
     */
    public HoldSettlement {
        if (captured < 0 || released < 0 || extraDebit < 0 || shortfall < 0) {
            throw new IllegalArgumentException("settlement amounts must be non-negative");
        }
        if (released > 0 && (extraDebit > 0 || shortfall > 0)) {
            throw new IllegalArgumentException("a settlement either releases or debits extra, not both");
        }
    }

    /** Credits the user actually paid for the work: {@code captured + extraDebit}. */
    public long charged() {
        return captured + extraDebit;
    }

    /** Change of the balance at settlement time: {@code released − extraDebit}. */
    public long balanceDelta() {
        return released - extraDebit;
    }
}
