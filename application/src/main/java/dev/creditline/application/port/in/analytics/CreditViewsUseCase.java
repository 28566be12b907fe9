package dev.creditline.application.port.in.analytics;

import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Credit views and user info of {@code /api/user} (analytics.md "Credits views"). */
public interface CreditViewsUseCase {

    /**
     * Balance, total granted, grant count and open holds.
     *
     * @throws dev.creditline.domain.user.UserNotFoundException when the user is gone
     */
    CreditTotals balance(UUID userId);

    /**
     * Ledger entries newest first.
     *
     * @param grantsOnly only positive entries
     * @param page       ≥ 1
     * @param pageSize   1..100
     */
    LedgerPage entries(UUID userId, boolean grantsOnly, Optional<Instant> from, Optional<Instant> to,
                       int page, int pageSize);

    /**
     * The payment link: null-equivalent (empty) when Stripe is not configured; else
     * {@code PAYMENT_LINK_URL} when set, else a default-pack Checkout URL if one can be made.
     */
    Optional<String> paymentLink(UUID userId);

    /** Whether credit purchase is enabled (Stripe configured). */
    boolean enableCredit();

    /** Everything {@code GET /info} shows. */
    UserInfo info(User user);

    /**
     * The {@code /info} view.
     *
     * @param creditBalance empty when credit is disabled
     * @param paymentLink   empty when none
     * @param profileLink   {@code PROFILE_LINK_URL}, empty when unset
     */
    record UserInfo(User user, Optional<CreditTotals> creditBalance, Optional<String> paymentLink,
                    boolean enableCredit, Optional<String> profileLink) {
    }
}
