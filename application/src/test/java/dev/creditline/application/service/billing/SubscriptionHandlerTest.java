package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.billing.BillingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.out.billing.BillingEventKind;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.CheckoutPaymentStatus;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.testing.InMemoryBillingAccountRepository;
import dev.creditline.application.testing.InMemoryCheckoutAttemptRepository;
import dev.creditline.application.testing.InMemoryDatabase;
import dev.creditline.application.testing.InMemorySubscriptionMarkRepository;
import dev.creditline.application.testing.InMemoryUserRepository;
import dev.creditline.application.testing.MutableClock;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link SubscriptionHandler} over the in-memory ports: only a newer event sets state, a deletion
 * is a tombstone, a stale deletion does not downgrade, and a second live subscription is
 * cancelled through a recorded intent, never a call.
 */
class SubscriptionHandlerTest {

    private static final Instant T = TestUsers.T0;

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryBillingAccountRepository accounts = new InMemoryBillingAccountRepository(db);
    private final RecordedIntents intents = new RecordedIntents();
    private final User user = TestUsers.stored(users);

    private SubscriptionHandler handler(boolean canCancel) {
        return new SubscriptionHandler(accounts, new InMemoryCheckoutAttemptRepository(db),
                new InMemorySubscriptionMarkRepository(db), intents, new EventUsers(accounts),
                PlanCatalog.defaults("price_pro"), canCancel, new MutableClock(T));
    }

    private final SubscriptionHandler handler = handler(true);

    /** Records the intents instead of performing them. */
    private static final class RecordedIntents implements StripeIntentRepository {
        final List<StripeIntent> recorded = new ArrayList<>();

        @Override
        public boolean insert(StripeIntent intent, Instant dueAt) {
            return recorded.add(intent);
        }

        @Override
        public Optional<StripeIntent> claimDue(Instant now, Instant leaseUntil) {
            return Optional.empty();
        }

        @Override
        public void markDone(UUID id, Instant now) {
        }

        @Override
        public void retryAt(UUID id, Instant nextAttemptAt, String error) {
        }

        @Override
        public void markFailed(UUID id, String error, Instant now) {
        }

        @Override
        public long pending() {
            return 0;
        }
    }

    private BillingEvent.CheckoutSessionCompleted subscribed(String eventId, String subscriptionId, long second) {
        return new BillingEvent.CheckoutSessionCompleted(eventId, "wire type", T.plusSeconds(second), "{}",
                "cs_" + eventId, CheckoutMode.SUBSCRIPTION, CheckoutPaymentStatus.PAID, user.id().toString(), "cus_1",
                subscriptionId, null, 2000L, Map.of("plan", "pro"));
    }

    private BillingEvent.SubscriptionChanged updated(String eventId, String subscriptionId, SubscriptionStatus status,
                                                     long second) {
        return new BillingEvent.SubscriptionChanged(eventId, "wire type", T.plusSeconds(second), "{}", subscriptionId,
                "cus_1", status, "price_pro", false, null, null, Map.of(), BillingEventKind.SUBSCRIPTION_UPDATED);
    }

    private BillingEvent.SubscriptionDeleted deleted(String eventId, String subscriptionId, long second) {
        return new BillingEvent.SubscriptionDeleted(eventId, "wire type", T.plusSeconds(second), "{}", subscriptionId,
                "cus_1");
    }

    private BillingAccount account() {
        return accounts.findAccount(user.id()).orElseThrow();
    }

    @Test
    void an_older_update_after_a_newer_one_changes_nothing() {
        db.inTransaction(() -> handler.checkoutCompleted(subscribed("evt_1", "sub_1", 0)));
        assertThat(db.inTransaction(() -> handler.changed(updated("evt_3", "sub_1", SubscriptionStatus.PAST_DUE, 30))).outcome())
                .isEqualTo(WebhookResult.APPLIED);

        WebhookResult older = db.inTransaction(() -> handler.changed(updated("evt_2", "sub_1", SubscriptionStatus.ACTIVE, 20)));

        assertThat(older.outcome()).isEqualTo(WebhookResult.IGNORED);
        assertThat(account().plan()).isEqualTo("pro");
        assertThat(account().subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);
    }

    @Test
    void a_deleted_subscription_is_a_tombstone_that_no_later_update_revives() {
        db.inTransaction(() -> handler.checkoutCompleted(subscribed("evt_1", "sub_1", 0)));
        assertThat(db.inTransaction(() -> handler.deleted(deleted("evt_2", "sub_1", 10))).outcome())
                .isEqualTo(WebhookResult.APPLIED);

        WebhookResult late = db.inTransaction(() -> handler.changed(updated("evt_3", "sub_1", SubscriptionStatus.ACTIVE, 20)));

        assertThat(late.outcome()).isEqualTo(WebhookResult.IGNORED);
        assertThat(account().plan()).isEqualTo("free");
        assertThat(account().subscriptionStatus()).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void a_stale_deletion_of_an_old_subscription_does_not_downgrade() {
        db.inTransaction(() -> handler.checkoutCompleted(subscribed("evt_1", "sub_new", 0)));

        WebhookResult stale = db.inTransaction(() -> handler.deleted(deleted("evt_2", "sub_old", 10)));

        assertThat(stale.outcome()).isEqualTo(WebhookResult.IGNORED);
        assertThat(account().plan()).isEqualTo("pro");
        assertThat(account().stripeSubscriptionId()).isEqualTo("sub_new");
    }

    @Test
    void a_second_live_subscription_is_cancelled_through_an_intent_and_changes_nothing() {
        db.inTransaction(() -> handler.checkoutCompleted(subscribed("evt_1", "sub_1", 0)));

        WebhookResult second = db.inTransaction(() -> handler.checkoutCompleted(subscribed("evt_2", "sub_2", 10)));

        assertThat(second.outcome()).isEqualTo(WebhookResult.APPLIED);
        assertThat(intents.recorded).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(StripeIntent.CANCEL_NOW);
            assertThat(i.targetId()).isEqualTo("sub_2");
            assertThat(i.idempotencyKey()).isEqualTo("cancel_duplicate_sub_2");
        });
        assertThat(account().stripeSubscriptionId()).isEqualTo("sub_1");
    }

    @Test
    void without_stripe_a_second_live_subscription_is_a_problem() {
        SubscriptionHandler unconfigured = handler(false);
        db.inTransaction(() -> unconfigured.checkoutCompleted(subscribed("evt_1", "sub_1", 0)));

        assertThatThrownBy(() -> db.inTransaction(() -> unconfigured.checkoutCompleted(subscribed("evt_2", "sub_2", 10))))
                .isInstanceOfSatisfying(WebhookProblem.class,
                        p -> assertThat(p.code()).isEqualTo("DUPLICATE_SUBSCRIPTION"));
        assertThat(intents.recorded).isEmpty();
        assertThat(account().stripeSubscriptionId()).isEqualTo("sub_1");
    }
}
