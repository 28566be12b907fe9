package dev.creditline.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Subscription status rules (billing.md; lessons 8, 12, 14). */
class SubscriptionsTest {

    @Test
    void active_trialing_past_due_and_unpaid_subscriptions_are_live() {
        assertThat(Subscriptions.isLive("active")).isTrue();
        assertThat(Subscriptions.isLive("trialing")).isTrue();
        assertThat(Subscriptions.isLive("past_due")).isTrue();
        assertThat(Subscriptions.isLive("unpaid")).isTrue();
    }

    @Test
    void canceled_incomplete_and_missing_statuses_are_not_live() {
        assertThat(Subscriptions.isLive("canceled")).isFalse();
        assertThat(Subscriptions.isLive("incomplete")).isFalse();
        assertThat(Subscriptions.isLive("incomplete_expired")).isFalse();
        assertThat(Subscriptions.isLive(null)).isFalse();
        assertThat(Subscriptions.isLive("ACTIVE")).isFalse();
    }

    @Test
    void an_event_of_another_subscription_than_the_current_one_never_concerns_the_user() {
        assertThat(Subscriptions.concernsUser("sub_new", "sub_old", "active")).isFalse();
        assertThat(Subscriptions.concernsUser("sub_new", "sub_old", "canceled")).isFalse();
    }

    @Test
    void an_event_of_the_current_subscription_concerns_the_user_whatever_its_status() {
        assertThat(Subscriptions.concernsUser("sub_1", "sub_1", "past_due")).isTrue();
        assertThat(Subscriptions.concernsUser("sub_1", "sub_1", "canceled")).isTrue();
    }

    @Test
    void without_a_current_subscription_only_a_live_one_is_adopted() {
        assertThat(Subscriptions.concernsUser(null, "sub_1", "active")).isTrue();
        assertThat(Subscriptions.concernsUser(null, "sub_1", "past_due")).isTrue();
        assertThat(Subscriptions.concernsUser(null, "sub_1", "incomplete")).isFalse();
        assertThat(Subscriptions.concernsUser(null, "sub_1", "canceled")).isFalse();
        assertThat(Subscriptions.concernsUser(null, null, "active")).isFalse();
    }
}
