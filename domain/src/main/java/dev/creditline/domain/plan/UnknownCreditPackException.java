package dev.creditline.domain.plan;

import dev.creditline.domain.DomainException;

/**
 * A credit pack id that is not in the catalog (api.md {@code POST /checkout?pack_id=}:
 * unknown pack → 400). Code {@code UNKNOWN_PACK}.
 */
public class UnknownCreditPackException extends DomainException {

    private final String packId;

    /** @param packId the id that was asked for (may be null) */
    public UnknownCreditPackException(String packId) {
        super("unknown credit pack: " + packId);
        this.packId = packId;
    }

    /** The id that was asked for. */
    public String packId() {
        return packId;
    }

    @Override
    public String code() {
        return "UNKNOWN_PACK";
    }
}
