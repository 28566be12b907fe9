package dev.creditline.domain.ledger;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a ledger entry refers to: {@code type/id}, e.g. {@code signup_bonus/<user id>} or
 * {@code stripe_invoice/in_123}. For the {@linkplain #IDEMPOTENT_TYPES idempotent types}
 * the pair is unique per user, enforced by a partial unique index in PostgreSQL, so an
 * effect that must happen once is refused by the database on a second attempt
 * (domain.md "Ledger"; lessons 4 and 5).
 *
 * @param type ref type, lower snake case, at most 64 characters
 * @param id   ref id, at most 255 characters
 */
public record LedgerRef(String type, String id) {

    /**
     * Ref types whose (user, type, id) must be unique. Kept in step with the partial unique indexes
     * of migrations V1 and V80 ({@code credit_ledger_idempotent_ref_key}) and V70
     * ({@code credit_ledger_hold_step_ref_key}: a hold's capture steps).
     */
    public static final Set<String> IDEMPOTENT_TYPES = Set.of(
            "signup_bonus", "monthly_allowance", "stripe_checkout_session", "stripe_invoice",
            "stripe_refund", "model_call", "hold", "hold_settlement", "idempotency_key",
            "hold_capture", "hold_capture_return",
            "lot_expiry", "void", "debt_repayment", "rollover");

    public LedgerRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (type.isBlank() || type.length() > 64) {
            throw new IllegalArgumentException("ref type must be 1..64 characters");
        }
        if (id.isBlank() || id.length() > 255) {
            throw new IllegalArgumentException("ref id must be 1..255 characters");
        }
    }

    /** Whether a second entry with this ref for the same user must be refused. */
    public boolean isIdempotent() {
        return IDEMPOTENT_TYPES.contains(type);
    }

    /** {@code signup_bonus/<user id>}: the one signup bonus (domain.md "Signup bonus"). */
    public static LedgerRef signupBonus(UUID userId) {
        return new LedgerRef("signup_bonus", userId.toString());
    }

    /** {@code monthly_allowance/<period key>} (domain.md "Plans and monthly allowance"). */
    public static LedgerRef monthlyAllowance(String periodKey) {
        return new LedgerRef("monthly_allowance", periodKey);
    }

    /** {@code model_call/<call id>}: the debit of one metered model call. */
    public static LedgerRef modelCall(UUID callId) {
        return new LedgerRef("model_call", callId.toString());
    }

    /** {@code hold_capture/<hold id>:<n>}: the debit of a hold's capture step {@code n} (or {@code expiry}). */
    public static LedgerRef holdCapture(UUID holdId, String step) {
        return new LedgerRef("hold_capture", holdId + ":" + step);
    }

    /** {@code hold_capture_return/<hold id>:<n>}: the reserved credits of capture step {@code n} given back. */
    public static LedgerRef holdCaptureReturn(UUID holdId, String step) {
        return new LedgerRef("hold_capture_return", holdId + ":" + step);
    }

    /** {@code admin/<adjustment id>}: a manual adjustment; not idempotent by itself. */
    public static LedgerRef adminAdjustment(UUID adjustmentId) {
        return new LedgerRef("admin", adjustmentId.toString());
    }

    /** {@code manual/<id>}: a debit or grant without an external reference. */
    public static LedgerRef manual(String id) {
        return new LedgerRef("manual", id);
    }

    /** {@code lot_expiry/<lot id>} (or {@code <lot id>:<entry id>} for credits given back after the expiry). */
    public static LedgerRef lotExpiry(String id) {
        return new LedgerRef("lot_expiry", id);
    }

    /** {@code void/<lot id>}: the void of a lot's remaining credits (or {@code <lot id>:<entry id>} later). */
    public static LedgerRef lotVoid(String id) {
        return new LedgerRef("void", id);
    }

    /** {@code debt_repayment/<lot id>}: debt repaid from a new lot. */
    public static LedgerRef debtRepayment(long lotId) {
        return new LedgerRef("debt_repayment", Long.toString(lotId));
    }

    /** {@code rollover/<lot id>}: unused credits of an expiring allowance lot carried into a rollover lot. */
    public static LedgerRef rollover(long expiredLotId) {
        return new LedgerRef("rollover", Long.toString(expiredLotId));
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
