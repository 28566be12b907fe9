package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Plans and monthly allowance"; lesson 16. */
class PlanCatalogTest {

    private final PlanCatalog catalog = PlanCatalog.defaults("price_pro_monthly");

    @Test
    void default_catalog_has_free_10000_and_pro_100000() {
        assertThat(catalog.free()).isEqualTo(new Plan("free", 10_000, Set.of(), false));
        assertThat(catalog.byId("pro")).contains(new Plan("pro", 100_000, Set.of("price_pro_monthly"), true));
        assertThat(catalog.all()).extracting(Plan::id).containsExactly("free", "pro");
    }

    @Test
    void plan_is_found_by_its_stripe_price() {
        assertThat(catalog.byStripePrice("price_pro_monthly")).map(Plan::id).contains("pro");
    }

    @Test
    void unknown_stripe_price_is_never_guessed_as_a_plan() {
        assertThat(catalog.byStripePrice("price_unknown")).isEmpty();
        assertThat(catalog.byStripePrice(null)).isEmpty();
        assertThat(catalog.byStripePrice("")).isEmpty();
    }

    @Test
    void unknown_plan_id_is_empty() {
        assertThat(catalog.byId("enterprise")).isEmpty();
        assertThat(catalog.byId(null)).isEmpty();
    }

    @Test
    void pro_has_no_price_when_billing_is_not_configured() {
        PlanCatalog unconfigured = PlanCatalog.defaults(null);
        assertThat(unconfigured.byId("pro").orElseThrow().stripePriceIds()).isEmpty();
        assertThat(PlanCatalog.defaults(" ").byId("pro").orElseThrow().stripePriceIds()).isEmpty();
    }

    @Test
    void more_plans_can_be_configured_with_several_prices() {
        PlanCatalog c = PlanCatalog.of(List.of(
                new Plan("free", 5_000, Set.of(), false),
                new Plan("team", 500_000, Set.of("price_team_m", "price_team_y"), true)));
        assertThat(c.byStripePrice("price_team_y")).map(Plan::monthlyCredits).contains(500_000L);
        assertThat(c.free().monthlyCredits()).isEqualTo(5_000);
    }

    @Test
    void catalog_without_an_unpaid_free_plan_is_rejected() {
        assertThatThrownBy(() -> PlanCatalog.of(List.of(new Plan("pro", 1, Set.of("p"), true))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("plans"));
        assertThatThrownBy(() -> PlanCatalog.of(List.of(new Plan("free", 1, Set.of("p"), true))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void a_price_selecting_two_plans_is_rejected() {
        assertThatThrownBy(() -> PlanCatalog.of(List.of(
                new Plan("free", 1, Set.of(), false),
                new Plan("a", 1, Set.of("p"), true),
                new Plan("b", 2, Set.of("p"), true))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("p belongs to both a and b");
    }

    @Test
    void duplicate_plan_ids_are_rejected() {
        assertThatThrownBy(() -> PlanCatalog.of(List.of(
                new Plan("free", 1, Set.of(), false), new Plan("free", 2, Set.of(), false))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("duplicate");
    }

    @Test
    void plan_fields_are_validated() {
        assertThatThrownBy(() -> new Plan(" ", 1, Set.of(), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("plan.id"));
        assertThatThrownBy(() -> new Plan("x", -1, Set.of(), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("plan.monthlyCredits"));
        assertThatThrownBy(() -> new Plan("x", 1, Set.of(""), true))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("plan.stripePriceIds"));
        assertThat(new Plan("x", 1, null, false).stripePriceIds()).isEmpty();
    }
}
