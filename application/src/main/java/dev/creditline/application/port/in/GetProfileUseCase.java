package dev.creditline.application.port.in;

import dev.creditline.domain.analytics.UsageStats;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.user.LinkedAccount;
import dev.creditline.domain.user.User;
import java.util.List;
import java.util.UUID;

/** The user profile (api.md "User endpoints", {@code GET /api/users/profile}). */
public interface GetProfileUseCase {

    /**
     * Everything the profile shows.
     *
     * @param user             the user
     * @param monthlyAllowance credits per period of the user's plan
     * @param accounts         linked sign-in accounts
     * @param stats            usage totals
     * @param billing          billing columns (subscription state)
     * @param interval         billing interval of a Stripe-managed plan ({@code month}) or null
     */
    record Profile(User user, long monthlyAllowance, List<LinkedAccount> accounts, UsageStats stats,
                   BillingAccount billing, String interval) {
    }

    /** @throws dev.creditline.domain.user.UserNotFoundException no such user */
    Profile profile(UUID userId);
}
