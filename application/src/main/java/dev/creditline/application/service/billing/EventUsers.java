package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.domain.billing.BillingAccount;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Whose a billing event is. A payment-mode event names our user in {@code client_reference_id}
 * (else {@code metadata.user_id}); a subscription or invoice event names the Stripe customer,
 * which is the user's stored customer (a subscription may instead carry {@code metadata.user_id},
 * and then its customer is stored on the user). A user or customer that cannot be found is a
 * {@link WebhookProblem}, never a guess.
 */
public final class EventUsers {

    private final BillingAccountRepository accounts;

    /** @param accounts the billing columns of {@code users} */
    public EventUsers(BillingAccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * Locks the user's row (every handler does so first, so the events of one user apply one at a
     * time) and returns the account.
     *
     * @throws WebhookProblem {@code UNKNOWN_USER} when there is no such user
     */
    public BillingAccount lock(UUID userId) {
        return accounts.lockAccount(userId).orElseThrow(() -> unknownUser(userId));
    }

    /** The user's current balance, in credits. @throws WebhookProblem {@code UNKNOWN_USER} */
    public long balanceOf(UUID userId) {
        return accounts.findAccount(userId).orElseThrow(() -> unknownUser(userId)).creditsBalance();
    }

    /** The user of a Stripe customer. @throws WebhookProblem {@code UNKNOWN_CUSTOMER} */
    public UUID byCustomer(String customerId) {
        if (customerId == null) {
            throw new WebhookProblem("UNKNOWN_CUSTOMER", "event has no customer");
        }
        return accounts.userIdByCustomer(customerId)
                .orElseThrow(() -> new WebhookProblem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId));
    }

    /**
     * The customer's user, else {@code metadata.user_id} (then the customer is stored on the user).
     *
     * @throws WebhookProblem {@code UNKNOWN_CUSTOMER} when neither names a user;
     *                        {@code CUSTOMER_MISMATCH} when the user has another customer
     */
    public UUID subscriptionOwner(String customerId, Map<String, String> metadata) {
        if (customerId != null) {
            Optional<UUID> byCustomer = accounts.userIdByCustomer(customerId);
            if (byCustomer.isPresent()) {
                return byCustomer.get();
            }
        }
        UUID fromMetadata = uuidOrNull(metadata.get("user_id"));
        if (fromMetadata == null) {
            throw new WebhookProblem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId);
        }
        if (customerId != null && accounts.findAccount(fromMetadata).isPresent()
                && !accounts.setCustomerIfAbsent(fromMetadata, customerId)) {
            throw new WebhookProblem("CUSTOMER_MISMATCH", "customer " + customerId
                    + " is not the Stripe customer of user " + fromMetadata);
        }
        return fromMetadata;
    }

    /**
     * Our user id as a checkout session carries it: {@code client_reference_id}, else
     * {@code metadata.user_id}. Not checked against the table.
     *
     * @throws WebhookProblem {@code UNKNOWN_USER} when neither is a UUID
     */
    public static UUID ofCheckout(String clientReferenceId, Map<String, String> metadata) {
        UUID id = uuidOrNull(clientReferenceId);
        if (id == null) {
            id = uuidOrNull(metadata.get("user_id"));
        }
        if (id == null) {
            throw new WebhookProblem("UNKNOWN_USER", "client_reference_id " + clientReferenceId + " is not a user id");
        }
        return id;
    }

    /** {@code UNKNOWN_USER}: no user {@code userId}. */
    public static WebhookProblem unknownUser(UUID userId) {
        return new WebhookProblem("UNKNOWN_USER", "no user " + userId);
    }

    private static UUID uuidOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
