package dev.creditline.application.port.in;

/** Removes what is left of a lot (docs/lots.md {@code POST /api/internal/lots/{lotId}/void}). */
public interface VoidLotUseCase {

    /**
     * Voids the lot's remaining credits (reason {@code void}) under its owner's row lock.
     *
     * @throws dev.creditline.domain.lot.LotNotFoundException for an unknown lot
     */
    LotVoided voidLot(long lotId);

    /**
     * @param voided  credits removed (0 when the lot was already used up, expired or voided)
     * @param balance the owner's balance in credits after it
     */
    record LotVoided(long lotId, long voided, long balance) {
    }
}
