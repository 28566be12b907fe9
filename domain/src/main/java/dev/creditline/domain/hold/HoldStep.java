package dev.creditline.domain.hold;

/**
 * One partial capture of an open hold (a step of a streamed call), all non-negative credits:
 * <ul>
 *   <li>{@code captured}: taken from what the hold still reserves, {@code min(step, remaining)};</li>
 *   <li>{@code extraDebit}: the part of the step above the reserve, debited from the balance as far as it
 *       goes (as a capture above the hold does);</li>
 *   <li>{@code shortfall}: the part of the step nobody paid.</li>
 * </ul>
 * Invariant: {@code captured + extraDebit + shortfall == step}.
 *
 * @param number 1 for the hold's first step, then 2, 3, … (the step's ledger ref)
 */
public record HoldStep(int number, long captured, long extraDebit, long shortfall) {

    /**
     * @throws IllegalArgumentException for a negative amount or a number below 1
     */
    public HoldStep {
        if (number < 1 || captured < 0 || extraDebit < 0 || shortfall < 0) {
            throw new IllegalArgumentException("a hold step has a number ≥ 1 and non-negative amounts");
        }
    }

    /** Credits the user paid for this step: {@code captured + extraDebit}. */
    public long charged() {
        return captured + extraDebit;
    }
}
