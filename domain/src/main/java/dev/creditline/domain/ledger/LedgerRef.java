package dev.creditline.domain.ledger;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a ledger entry refers to: {@code type/id}, e.g. {@code signup_bonus/<user id>} or
 * {@code stripe_invoice/in_123}. For the {@linkplain #IDEMPOTENT_TYPES idempotent types}
 * the pair is unique per user, enforced by a partial unique index in PostgreSQL, so an
 * effect that must happen once is refused by the database on a second attempt
 * (lessons 4 and 5).
 *
 * @param type ref type, lower snake case, at most 64 characters
 * @param id   ref id, at most 255 characters
 */
public record LedgerRef(String type, String id) {

    /** {@code signup_bonus}: the one signup bonus of a user. */
    public static final String SIGNUP_BONUS = "signup_bonus";
    /** {@code monthly_allowance}: one plan allowance period. */
    public static final String MONTHLY_ALLOWANCE = "monthly_allowance";
    /** {@code stripe_checkout_session}: a one-time purchase. */
    public static final String STRIPE_CHECKOUT_SESSION = "stripe_checkout_session";
    /** {@code stripe_invoice}: a paid subscription invoice. */
    public static final String STRIPE_INVOICE = "stripe_invoice";
    /** {@code stripe_refund}: a refund's or a dispute's clawback. */
    public static final String STRIPE_REFUND = "stripe_refund";
    /** An auto top-up's PaymentIntent: its one purchase grant. */
    public static final String STRIPE_PAYMENT_INTENT = "stripe_payment_intent";
    /** {@code model_call}: the debit of one metered model call. */
    public static final String MODEL_CALL = "model_call";
    /** {@code hold}: a hold's reservation. */
    public static final String HOLD = "hold";
    /** {@code hold_settlement}: a hold's final refund or extra debit. */
    public static final String HOLD_SETTLEMENT = "hold_settlement";
    /** {@code idempotency_key}: an effect keyed by a caller's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "idempotency_key";
    /** {@code hold_capture}: the debit of one capture step of a hold. */
    public static final String HOLD_CAPTURE = "hold_capture";
    /** {@code hold_capture_return}: a capture step's reserved credits given back. */
    public static final String HOLD_CAPTURE_RETURN = "hold_capture_return";
    /** {@code lot_expiry}: what an expired lot still held. */
    public static final String LOT_EXPIRY = "lot_expiry";
    /** {@code void}: what a voided lot still held. */
    public static final String VOID = "void";
    /** {@code debt_repayment}: debt repaid from a new lot. */
    public static final String DEBT_REPAYMENT = "debt_repayment";
    /** {@code rollover}: unused allowance carried into the next period. */
    public static final String ROLLOVER = "rollover";
    /** {@code admin}: a manual adjustment or an internal grant; not idempotent by itself. */
    public static final String ADMIN = "admin";
    /** {@code promotion}: a promotional grant; not idempotent by itself. */
    public static final String PROMOTION = "promotion";
    /** {@code manual}: a debit or grant without an external reference; not idempotent. */
    public static final String MANUAL = "manual";

    /**
     * Ref types whose (user, type, id) must be unique: the partial unique indexes
     * {@code credit_ledger_idempotent_ref_key} and {@code credit_ledger_hold_step_ref_key} (a hold's
     * capture steps) of the migrations list exactly these (a persistence test reads both indexes
     * from the migrated database and compares).
     */
    public static final Set<String> IDEMPOTENT_TYPES = Set.of(
            SIGNUP_BONUS, MONTHLY_ALLOWANCE, STRIPE_CHECKOUT_SESSION, STRIPE_INVOICE,
            STRIPE_REFUND, MODEL_CALL, HOLD, HOLD_SETTLEMENT, IDEMPOTENCY_KEY,
            HOLD_CAPTURE, HOLD_CAPTURE_RETURN,
            LOT_EXPIRY, VOID, DEBT_REPAYMENT, ROLLOVER, STRIPE_PAYMENT_INTENT);

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

    /** {@code signup_bonus/<user id>}: the one signup bonus. */
    public static LedgerRef signupBonus(UUID userId) {
        return new LedgerRef(SIGNUP_BONUS, userId.toString());
    }

    /** {@code monthly_allowance/<period key>}. */
    public static LedgerRef monthlyAllowance(String periodKey) {
        return new LedgerRef(MONTHLY_ALLOWANCE, periodKey);
    }

    /** {@code stripe_payment_intent/<pi id>}: the one grant of an auto top-up's PaymentIntent (docs/events.md "Auto top-up"). */
    public static LedgerRef stripePaymentIntent(String paymentIntentId) {
        return new LedgerRef(STRIPE_PAYMENT_INTENT, paymentIntentId);
    }

    /** {@code model_call/<call id>}: the debit of one metered model call. */
    public static LedgerRef modelCall(UUID callId) {
        return new LedgerRef(MODEL_CALL, callId.toString());
    }

    /** {@code hold_capture/<hold id>:<n>}: the debit of a hold's capture step {@code n} (or {@code expiry}). */
    public static LedgerRef holdCapture(UUID holdId, String step) {
        return new LedgerRef(HOLD_CAPTURE, holdId + ":" + step);
    }

    /** {@code hold_capture_return/<hold id>:<n>}: the reserved credits of capture step {@code n} given back. */
    public static LedgerRef holdCaptureReturn(UUID holdId, String step) {
        return new LedgerRef(HOLD_CAPTURE_RETURN, holdId + ":" + step);
    }

    /** {@code admin/<adjustment id>}: a manual adjustment; not idempotent by itself. */
    public static LedgerRef adminAdjustment(UUID adjustmentId) {
        return new LedgerRef(ADMIN, adjustmentId.toString());
    }

    /** {@code manual/<id>}: a debit or grant without an external reference. */
    public static LedgerRef manual(String id) {
        return new LedgerRef(MANUAL, id);
    }

    /** {@code lot_expiry/<lot id>} (or {@code <lot id>:<entry id>} for credits given back after the expiry). */
    public static LedgerRef lotExpiry(String id) {
        return new LedgerRef(LOT_EXPIRY, id);
    }

    /** {@code void/<lot id>}: the void of a lot's remaining credits (or {@code <lot id>:<entry id>} later). */
    public static LedgerRef lotVoid(String id) {
        return new LedgerRef(VOID, id);
    }

    /** {@code debt_repayment/<lot id>}: debt repaid from a new lot. */
    public static LedgerRef debtRepayment(long lotId) {
        return new LedgerRef(DEBT_REPAYMENT, Long.toString(lotId));
    }

    /** {@code hold/<hold id>}: the reservation of a hold. */
    public static LedgerRef hold(UUID holdId) {
        return hold(holdId.toString());
    }

    /** {@code hold/<hold id>} from the id as text (e.g. the hold id a settlement ref carries). */
    public static LedgerRef hold(String holdId) {
        return new LedgerRef(HOLD, holdId);
    }

    /** {@code hold_settlement/<hold id>}: the final refund or extra debit of a hold. */
    public static LedgerRef holdSettlement(UUID holdId) {
        return new LedgerRef(HOLD_SETTLEMENT, holdId.toString());
    }

    /** {@code stripe_checkout_session/<session id>}: the grant of a one-time purchase. */
    public static LedgerRef stripeCheckoutSession(String sessionId) {
        return new LedgerRef(STRIPE_CHECKOUT_SESSION, sessionId);
    }

    /** {@code stripe_invoice/<invoice id>}: the grant of a paid invoice. */
    public static LedgerRef stripeInvoice(String invoiceId) {
        return new LedgerRef(STRIPE_INVOICE, invoiceId);
    }

    /**
     * {@code stripe_refund/<id>}: a refund's clawback; {@code id} is the refund id, or
     * {@code <charge id>:<cumulative refunded>} for a charge's refunded total.
     */
    public static LedgerRef stripeRefund(String id) {
        return new LedgerRef(STRIPE_REFUND, id);
    }

    /** {@code stripe_refund/dispute:<dispute id>}: a dispute's clawback. */
    public static LedgerRef stripeDispute(String disputeId) {
        return new LedgerRef(STRIPE_REFUND, "dispute:" + disputeId);
    }

    /** {@code stripe_refund/dispute:<dispute id>:reinstated}: a won dispute's credits given back. */
    public static LedgerRef stripeDisputeReinstated(String disputeId) {
        return new LedgerRef(STRIPE_REFUND, "dispute:" + disputeId + ":reinstated");
    }

    /** {@code promotion/<id>}: a promotional grant ({@code id} the caller's ref or a random one). */
    public static LedgerRef promotion(String id) {
        return new LedgerRef(PROMOTION, id);
    }

    /** {@code admin/<id>}: an internal grant under the caller's ref. */
    public static LedgerRef admin(String id) {
        return new LedgerRef(ADMIN, id);
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
