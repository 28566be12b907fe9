package dev.creditline.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Subscription status rules (billing.md; lessons 8, 12, 14). */
class SubscriptionsTest {

    @Test
    void active_trialing_past_due_and_unpaid_subscriptions_are_live() {
        assertThat(Subscriptions.isLive(SubscriptionStatus.ACTIVE)).isTrue();
        assertThat(Subscriptions.isLive(SubscriptionStatus.TRIALING)).isTrue();
        assertThat(Subscriptions.isLive(SubscriptionStatus.PAST_DUE)).isTrue();
        assertThat(Subscriptions.isLive(SubscriptionStatus.UNPAID)).isTrue();
    }

    @Test
    void canceled_incomplete_and_missing_statuses_are_not_live() {
        assertThat(Subscriptions.isLive(SubscriptionStatus.CANCELED)).isFalse();
        assertThat(Subscriptions.isLive(SubscriptionStatus.INCOMPLETE)).isFalse();
        assertThat(Subscriptions.isLive(SubscriptionStatus.INCOMPLETE_EXPIRED)).isFalse();
        assertThat(Subscriptions.isLive(null)).isFalse();
        // a status the adapter does not know (e.g. "ACTIVE", wrongly cased) is UNKNOWN
        assertThat(Subscriptions.isLive(SubscriptionStatus.UNKNOWN)).isFalse();
    }

    @Test
    void an_event_of_another_subscription_than_the_current_one_never_concerns_the_user() {
        assertThat(Subscriptions.concernsUser("sub_new", "sub_old", SubscriptionStatus.ACTIVE)).isFalse();
        assertThat(Subscriptions.concernsUser("sub_new", "sub_old", SubscriptionStatus.CANCELED)).isFalse();
    }

    @Test
    void an_event_of_the_current_subscription_concerns_the_user_whatever_its_status() {
        assertThat(Subscriptions.concernsUser("sub_1", "sub_1", SubscriptionStatus.PAST_DUE)).isTrue();
        assertThat(Subscriptions.concernsUser("sub_1", "sub_1", SubscriptionStatus.CANCELED)).isTrue();
    }

    @Test
    void without_a_current_subscription_only_a_live_one_is_adopted() {
        assertThat(Subscriptions.concernsUser(null, "sub_1", SubscriptionStatus.ACTIVE)).isTrue();
        assertThat(Subscriptions.concernsUser(null, "sub_1", SubscriptionStatus.PAST_DUE)).isTrue();
        assertThat(Subscriptions.concernsUser(null, "sub_1", SubscriptionStatus.INCOMPLETE)).isFalse();
        assertThat(Subscriptions.concernsUser(null, "sub_1", SubscriptionStatus.CANCELED)).isFalse();
        assertThat(Subscriptions.concernsUser(null, null, SubscriptionStatus.ACTIVE)).isFalse();
    }
}
