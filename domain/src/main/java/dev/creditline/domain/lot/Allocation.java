package dev.creditline.domain.lot;

/**
 * Credits an entry takes from a lot (positive) or gives back to it (negative)
 * (docs/lots.md: {@code entry → lot → amount}).
 *
 * @param lotId  the lot
 * @param amount credits, non-zero: &gt; 0 taken from the lot, &lt; 0 returned to it
 */
public record Allocation(long lotId, long amount) {

    public Allocation {
        if (amount == 0) {
            throw new IllegalArgumentException("an allocation moves credits");
        }
    }
}
