package dev.creditline.domain.lot;

import dev.creditline.domain.DomainException;

/** No such lot, or not the caller's (HTTP 404 {@code LOT_NOT_FOUND}). */
public class LotNotFoundException extends DomainException {

    public LotNotFoundException(String lotId) {
        super("No lot " + lotId + ".");
    }

    @Override
    public String code() {
        return "LOT_NOT_FOUND";
    }
}
