package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * The plan asked for is not a purchasable paid plan of the catalog (api.md {@code POST /api/billing/subscribe}). HTTP 400. Code {@code UNKNOWN_PLAN}.
 */
public class UnknownPlanException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public UnknownPlanException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNKNOWN_PLAN";
    }
}
