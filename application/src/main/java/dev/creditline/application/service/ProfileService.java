package dev.creditline.application.service;

import dev.creditline.application.port.in.GetProfileUseCase;
import dev.creditline.application.port.in.GetUsageBreakdownUseCase;
import dev.creditline.application.port.out.AccountRepository;
import dev.creditline.application.port.out.ProfileQueries;
import dev.creditline.domain.analytics.ModelUsage;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import java.util.List;
import java.util.UUID;

/** Profile and usage breakdown of the signed-in user (api.md "User endpoints"). */
public final class ProfileService implements GetProfileUseCase, GetUsageBreakdownUseCase {

    private final TransactionPort tx;
    private final UserRepository users;
    private final AccountRepository accounts;
    private final BillingAccountRepository billingAccounts;
    private final ProfileQueries queries;
    private final PlanCatalog plans;

    public ProfileService(TransactionPort tx, UserRepository users, AccountRepository accounts,
                          BillingAccountRepository billingAccounts, ProfileQueries queries, PlanCatalog plans) {
        this.tx = tx;
        this.users = users;
        this.accounts = accounts;
        this.billingAccounts = billingAccounts;
        this.queries = queries;
        this.plans = plans;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read in one transaction. {@code monthlyAllowance} is the plan's monthly credits (0 for a
     * plan id no longer in the catalog); {@code interval} is {@code month} while a Stripe
     * subscription is current.
     */
    @Override
    public Profile profile(UUID userId) {
        return tx.inTransaction(() -> {
            User user = users.findById(userId).orElseThrow(UserNotFoundException::new);
            BillingAccount account = billingAccounts.findAccount(userId).orElseThrow(UserNotFoundException::new);
            long allowance = plans.byId(user.plan()).map(Plan::monthlyCredits).orElse(0L);
            String interval = account.stripeSubscriptionId() != null ? "month" : null;
            return new Profile(user, allowance, accounts.findByUser(userId), queries.stats(userId), account, interval);
        });
    }

    @Override
    public List<ModelUsage> usageBreakdown(UUID userId) {
        return queries.usageByModel(userId);
    }
}
