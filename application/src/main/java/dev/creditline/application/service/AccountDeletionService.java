package dev.creditline.application.service;

import dev.creditline.application.port.in.DeleteAccountUseCase;
import dev.creditline.application.port.in.DeleteUserUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.domain.billing.BillingChangedDuringDeletionException;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Deleting a user, by the user ({@code DELETE /api/users/me}) or through the Auth.js adapter
 * ({@code DELETE /api/internal/auth/users/{id}}) — one rule for both (lesson 12; docs/billing.md
 * "Account deletion"):
 *
 * <ol>
 *   <li>Read the user's subscriptions that may still bill (live or pending, including
 *       {@code incomplete} ones and duplicates) and open Checkout Sessions.</li>
 *   <li>Outside any transaction, cancel each subscription now (key
 *       {@code delete_account_<user id>_<subscription id>}) and expire each session (key
 *       {@code expire_checkout_<session id>}). A Stripe failure propagates (502) before anything
 *       is deleted; a subscription or session Stripe no longer has counts as cancelled.</li>
 *   <li>One transaction: lock the user's row (which blocks new subscription checkouts and the
 *       webhook handlers of this user), read both sets again, and delete only if nothing appeared
 *       that was not cancelled in step 2; otherwise cancel the newcomers and try again (at most
 *       three rounds, then 409 and nothing deleted). Every table keyed to the user cascades.</li>
 * </ol>
 */
public final class AccountDeletionService implements DeleteAccountUseCase, DeleteUserUseCase {

    private static final int ROUNDS = 3;

    private final TransactionPort tx;
    private final UserRepository users;
    private final BillingAccountRepository accounts;
    private final CheckoutAttemptRepository attempts;
    private final SubscriptionMarkRepository subscriptionMarks;
    private final Optional<PaymentGateway> gateway;
    private final Clock clock;

    public AccountDeletionService(TransactionPort tx, UserRepository users, BillingAccountRepository accounts,
                                  CheckoutAttemptRepository attempts, SubscriptionMarkRepository subscriptionMarks,
                                  Optional<PaymentGateway> gateway, Clock clock) {
        this.tx = tx;
        this.users = users;
        this.accounts = accounts;
        this.attempts = attempts;
        this.subscriptionMarks = subscriptionMarks;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void deleteUser(UUID id) {
        deleteAccount(id);
    }

    @Override
    public void deleteAccount(UUID userId) {
        SortedSet<String> cancelled = new TreeSet<>();
        SortedSet<String> expired = new TreeSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            if (accounts.findAccount(userId).isEmpty()) {
                throw new UserNotFoundException();
            }
            SortedSet<String> subscriptions = subscriptionMarks.cancellableSubscriptions(userId);
            SortedSet<String> sessions = attempts.openCheckoutSessions(userId, clock.instant());
            subscriptions.removeAll(cancelled);
            sessions.removeAll(expired);
            if (!subscriptions.isEmpty() || !sessions.isEmpty()) {
                PaymentGateway stripe = gateway.orElseThrow(() -> new BillingNotConfiguredException(
                        "Stripe not configured: the subscription cannot be cancelled, so the account was not deleted"));
                for (String subscription : subscriptions) {
                    call(() -> stripe.cancelNow(subscription, "delete_account_" + userId + "_" + subscription));
                    cancelled.add(subscription);
                }
                for (String session : sessions) {
                    expire(stripe, session);
                    expired.add(session);
                }
            }
            boolean deleted = tx.inTransaction(() -> {
                if (accounts.lockAccount(userId).isEmpty()) {
                    throw new UserNotFoundException();
                }
                boolean nothingNew = cancelled.containsAll(subscriptionMarks.cancellableSubscriptions(userId))
                        && expired.containsAll(attempts.openCheckoutSessions(userId,
                        clock.instant()));
                if (!nothingNew) {
                    return false;
                }
                if (!users.delete(userId)) {
                    throw new UserNotFoundException();
                }
                return true;
            });
            if (deleted) {
                return;
            }
        }
        throw new BillingChangedDuringDeletionException("New subscriptions or checkouts kept appearing while the "
                + "account was being deleted; nothing was deleted. Try again.");
    }

    /**
     * Expires a session; if Stripe refuses because it is no longer open (completed or expired
     * meanwhile, its webhook still on the way), it can no longer be paid either, which is the point.
     */
    private static void expire(PaymentGateway stripe, String session) {
        try {
            call(() -> stripe.expireCheckoutSession(session, "expire_checkout_" + session));
        } catch (PaymentGatewayException e) {
            if (e.providerStatus() == null || e.providerStatus() != 400) {
                throw e;
            }
            var remote = stripe.retrieveCheckoutSession(session);
            if (!remote.isComplete() && !remote.isExpired()) {
                throw e;
            }
        }
    }

    /** A Stripe call whose object may already be gone ({@code resource_missing}: nothing left to cancel). */
    private static void call(Runnable stripeCall) {
        try {
            stripeCall.run();
        } catch (PaymentGatewayException e) {
            if (!StripeIntentService.gone(e)) {
                throw e;
            }
        }
    }
}
