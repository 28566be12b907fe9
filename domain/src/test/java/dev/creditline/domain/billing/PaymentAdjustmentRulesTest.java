package dev.creditline.domain.billing;

import static dev.creditline.domain.billing.SubscriptionStatus.ACTIVE;
import static dev.creditline.domain.billing.SubscriptionStatus.CANCELED;
import static dev.creditline.domain.billing.SubscriptionStatus.INCOMPLETE;
import static dev.creditline.domain.billing.SubscriptionStatus.PAST_DUE;
import static dev.creditline.domain.billing.SubscriptionStatus.TRIALING;
import static dev.creditline.domain.billing.SubscriptionStatus.UNPAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.allowance.PaidAllowance;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules behind refunds, disputes, invoice plans and same-second subscription events. */
class PaymentAdjustmentRulesTest {

    private static final PlanCatalog PLANS = PlanCatalog.of(List.of(
            new Plan(Plan.FREE_ID, 10_000, Set.of(), false),
            new Plan("pro", 100_000, Set.of("price_pro"), true),
            new Plan("plus", 250_000, Set.of("price_plus"), true)));

    @Test
    void a_clawback_debits_what_the_balance_covers_and_forgives_the_rest() {
        assertThat(Clawback.settle(50_000, 60_000)).isEqualTo(new Clawback.Settlement(50_000, 0));
        assertThat(Clawback.settle(50_000, 5_000)).isEqualTo(new Clawback.Settlement(5_000, 45_000));
        assertThat(Clawback.settle(50_000, 0)).isEqualTo(new Clawback.Settlement(0, 50_000));
        assertThat(Clawback.settle(0, 10)).isEqualTo(new Clawback.Settlement(0, 0));
        assertThatThrownBy(() -> Clawback.settle(-1, 10)).isInstanceOf(ValidationException.class);
    }

    @Test
    void with_refund_shortfall_debt_what_the_balance_does_not_cover_becomes_debt() {
        assertThat(Clawback.settle(50_000, 5_000, Clawback.Shortfall.DEBT))
                .isEqualTo(new Clawback.Settlement(5_000, 0, 45_000));
        assertThat(Clawback.settle(50_000, 60_000, Clawback.Shortfall.DEBT))
                .isEqualTo(new Clawback.Settlement(50_000, 0, 0));
        assertThat(Clawback.settle(50_000, -3, Clawback.Shortfall.DEBT))
                .isEqualTo(new Clawback.Settlement(0, 0, 50_000));
        assertThat(Clawback.settle(50_000, 5_000, Clawback.Shortfall.FORGIVE))
                .isEqualTo(new Clawback.Settlement(5_000, 45_000, 0));
    }

    @Test
    void a_won_or_inquiry_closed_dispute_gives_back_a_lost_one_does_not() {
        assertThat(Disputes.reinstates(DisputeStatus.WON)).isTrue();
        assertThat(Disputes.reinstates(DisputeStatus.WARNING_CLOSED)).isTrue();
        assertThat(Disputes.reinstates(DisputeStatus.LOST)).isFalse();
        assertThat(Disputes.reinstates(DisputeStatus.NEEDS_RESPONSE)).isFalse();
        assertThat(Disputes.reinstates(null)).isFalse();
    }

    @Test
    void the_allowance_plan_comes_from_recurring_lines_and_two_plans_are_never_guessed() {
        assertThat(PaidAllowance.planOf(PLANS, List.of("price_plus")).map(Plan::id)).contains("plus");
        assertThat(PaidAllowance.planOf(PLANS, List.of("price_addon", "price_pro")).map(Plan::id)).contains("pro");
        assertThat(PaidAllowance.planOf(PLANS, List.of("price_pro", "price_pro")).map(Plan::id)).contains("pro");
        assertThat(PaidAllowance.planOf(PLANS, List.of("price_unknown"))).isEmpty();
        assertThat(PaidAllowance.planOf(PLANS, List.of())).isEmpty();
        assertThatThrownBy(() -> PaidAllowance.planOf(PLANS, List.of("price_pro", "price_plus")))
                .isInstanceOf(PaidAllowance.AmbiguousPlanException.class);
    }

    @Test
    void on_a_same_second_tie_the_more_advanced_status_stays_whatever_the_order() {
        List<SubscriptionStatus> statuses = List.of(INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, UNPAID, CANCELED);
        for (SubscriptionStatus a : statuses) {
            for (SubscriptionStatus b : statuses) {
                SubscriptionStatus ab = Subscriptions.statusAfter(Subscriptions.statusAfter(null, a, true), b, false);
                SubscriptionStatus ba = Subscriptions.statusAfter(Subscriptions.statusAfter(null, b, true), a, false);
                assertThat(ab).as(a + " then " + b).isEqualTo(ba);
            }
        }
        assertThat(Subscriptions.statusAfter(ACTIVE, INCOMPLETE, false)).isEqualTo(ACTIVE);
        assertThat(Subscriptions.statusAfter(ACTIVE, INCOMPLETE, true)).isEqualTo(INCOMPLETE);
        assertThat(Subscriptions.statusAfter(PAST_DUE, ACTIVE, true)).isEqualTo(ACTIVE);
    }
}
