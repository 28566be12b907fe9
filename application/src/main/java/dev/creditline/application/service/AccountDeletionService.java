package dev.creditline.application.service;

import dev.creditline.application.port.in.DeleteAccountUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.port.out.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingRepository;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.billing.Subscriptions;
import dev.creditline.domain.user.UserNotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * Account deletion (api.md {@code DELETE /api/users/me}; billing.md "Outgoing calls"; lesson 12):
 * a live Stripe subscription is cancelled immediately first (key
 * {@code delete_account_<user id>_<subscription id>}); if Stripe fails the exception propagates
 * (502) and nothing is deleted. Then the user row is deleted; every table keyed to the user
 * cascades.
 */
public final class AccountDeletionService implements DeleteAccountUseCase {

    private final TransactionPort tx;
    private final UserRepository users;
    private final BillingRepository billing;
    private final Optional<PaymentGateway> gateway;

    public AccountDeletionService(TransactionPort tx, UserRepository users, BillingRepository billing,
                                  Optional<PaymentGateway> gateway) {
        this.tx = tx;
        this.users = users;
        this.billing = billing;
        this.gateway = gateway;
    }

    @Override
    public void deleteAccount(UUID userId) {
        BillingAccount account = billing.findAccount(userId).orElseThrow(UserNotFoundException::new);
        String subscriptionId = account.stripeSubscriptionId();
        if (subscriptionId != null && Subscriptions.isLive(account.subscriptionStatus())) {
            PaymentGateway stripe = gateway.orElseThrow(() -> new BillingNotConfiguredException(
                    "Stripe not configured: the active subscription cannot be cancelled, so the account was not deleted"));
            stripe.cancelNow(subscriptionId, "delete_account_" + userId + "_" + subscriptionId);
        }
        tx.inTransaction(() -> {
            if (!users.delete(userId)) {
                throw new UserNotFoundException();
            }
        });
    }
}
