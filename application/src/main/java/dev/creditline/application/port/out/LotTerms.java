package dev.creditline.application.port.out;

import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.Rollover;
import java.time.Instant;
import java.util.Objects;

/**
 * How a ledger entry moves credits between lots (docs/lots.md). Without terms an entry follows
 * its reason: a grant makes a lot of {@link LotCategory#ofGrant its category}, a hold release or
 * a capture's unused part gives back to the hold's lots, a debit burns in burn order.
 */
public sealed interface LotTerms {

    /**
     * A grant that makes a new lot.
     *
     * @param priority  0..100, or null for the category's default
     * @param expiresAt UTC instant at which what is left of the lot expires, or null = never
     * @param rollover  what the lot carries into a {@code rollover} lot when it expires, or null =
     *                  nothing (only an expiring {@code allowance} lot may carry terms)
     */
    record Grant(LotCategory category, Integer priority, Instant expiresAt, Rollover rollover) implements LotTerms {
        public Grant {
            Objects.requireNonNull(category, "category");
            if (rollover != null && (category != LotCategory.ALLOWANCE || expiresAt == null)) {
                throw new IllegalArgumentException("only an expiring allowance lot rolls over");
            }
        }

        /** A grant whose lot carries nothing over. */
        public Grant(LotCategory category, Integer priority, Instant expiresAt) {
            this(category, priority, expiresAt, null);
        }
    }

    /**
     * A debit in burn order.
     *
     * @param preferredLotRef the granting ref of a lot to take from first (a refunded purchase's
     *                        own lot), or null
     */
    record Burn(LedgerRef preferredLotRef) implements LotTerms {
    }

    /**
     * Credits given back to the lots that the entry with ref {@code origin} took them from,
     * newest allocation first (a hold release, a capture's unused part).
     */
    record GiveBack(LedgerRef origin) implements LotTerms {
        public GiveBack {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A debit of exactly one lot's credits: its expiry, its void or a debt repayment from it. */
    record FromLot(long lotId) implements LotTerms {
    }
}
