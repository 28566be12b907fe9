package dev.creditline.domain.lot;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.LedgerReason;
import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of grant made a lot, and the priority its lots burn with unless the grant sets
 * its own (docs/lots.md: lower priority burns first).
 */
public enum LotCategory {
    ALLOWANCE(10),
    ROLLOVER(10),
    PROMOTION(20),
    SIGNUP_BONUS(20),
    ADMIN(30),
    PURCHASE(50);

    private final int defaultPriority;

    LotCategory(int defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    /** The burn priority of this category's lots when the grant sets none (0..100). */
    public int defaultPriority() {
        return defaultPriority;
    }

    /** The stored and rendered name, e.g. {@code signup_bonus}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for a stored name that is not a category (a corrupt row)
     */
    public static LotCategory fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lot category " + wire));
    }

    /**
     * The category of an internal grant ({@code POST /api/internal/grants}): only
     * {@code promotion} and {@code admin} may be granted by a caller; the others belong to the
     * paths that make them (signup, allowance, purchase, rollover).
     *
     * @param field the input field, reported in the error
     * @throws ValidationException for any other name
     */
    public static LotCategory requireGrantable(String field, String wire) {
        if ("promotion".equals(wire)) {
            return PROMOTION;
        }
        if ("admin".equals(wire)) {
            return ADMIN;
        }
        throw new ValidationException(field, "must be one of promotion, admin");
    }

    /**
     * The category of the lot a grant entry of this reason creates, or {@code null} when an
     * entry of this reason with a positive delta makes no new lot (it gives credits back to
     * the lots they came from: a hold release or a capture's unused part).
     */
    public static LotCategory ofGrant(LedgerReason reason) {
        return switch (reason) {
            case SIGNUP_BONUS -> SIGNUP_BONUS;
            case MONTHLY_ALLOWANCE -> ALLOWANCE;
            case PURCHASE -> PURCHASE;
            case PROMOTION -> PROMOTION;
            case ROLLOVER -> ROLLOVER;
            case HOLD_RELEASE, HOLD_CAPTURE_ADJUSTMENT -> null;
            default -> ADMIN;
        };
    }
}
