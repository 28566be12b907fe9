package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.plan.CreditPack;
import dev.creditline.domain.plan.Plan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans and packs are configuration only (docs/billing.md "Configuration"). */
class BillingConfigTest {

    @Test
    void defaults_are_free_and_pro_and_three_packs_without_stripe() {
        BillingConfig c = BillingConfig.from(Map.of());
        assertThat(c.plans().all()).extracting(Plan::id, Plan::monthlyCredits, Plan::paid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("free", 10_000L, false),
                        org.assertj.core.groups.Tuple.tuple("pro", 100_000L, true));
        assertThat(c.packs().all()).extracting(CreditPack::id).containsExactly("starter", "pro", "enterprise");
        assertThat(c.packs().all()).noneMatch(CreditPack::purchasable);
        assertThat(c.stripeSecretKey()).isEmpty();
        assertThat(c.frontendUrl()).isEqualTo("http://localhost:3000");
    }

    @Test
    void a_plan_and_a_pack_are_added_by_environment_variables_only() {
        BillingConfig c = BillingConfig.from(Map.of(
                "STRIPE_PRICE_PRO_MONTHLY", "price_pro",
                "PLAN_PRO_PRICE", "price_pro_yearly",
                "PLAN_PLUS_CREDITS", "250000",
                "PLAN_PLUS_PRICE", "price_plus_a, price_plus_b",
                "PLAN_FREE_CREDITS", "5000",
                "PACK_MEGA_CREDITS", "5000000",
                "PACK_MEGA_PRICE_CENTS", "20000",
                "STRIPE_PRICE_PACK_MEGA", "price_mega",
                "STRIPE_PRICE_PACK_STARTER", "price_starter"));
        assertThat(c.plans().free().monthlyCredits()).isEqualTo(5_000);
        assertThat(c.plans().byStripePrice("price_plus_b").map(Plan::id)).contains("plus");
        assertThat(c.plans().byStripePrice("price_pro_yearly").map(Plan::id)).contains("pro");
        assertThat(c.planCheckoutPrices()).containsEntry("plus", "price_plus_a").containsEntry("pro", "price_pro");
        assertThat(c.plans().byId("plus").orElseThrow().monthlyCredits()).isEqualTo(250_000);
        CreditPack mega = c.packs().require("mega");
        assertThat(mega.credits()).isEqualTo(5_000_000);
        assertThat(mega.priceUsdCents()).isEqualTo(20_000);
        assertThat(mega.stripePriceId()).isEqualTo("price_mega");
        assertThat(c.packs().require("starter").stripePriceId()).isEqualTo("price_starter");
    }

    @Test
    void incomplete_or_invalid_plan_settings_refuse_start_up_naming_the_variable() {
        assertThatThrownBy(() -> BillingConfig.from(Map.of("PLAN_GOLD_PRICE", "price_gold")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PLAN_GOLD_CREDITS");
        assertThatThrownBy(() -> BillingConfig.from(Map.of("PLAN_GOLD_CREDITS", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PLAN_GOLD_CREDITS");
        assertThatThrownBy(() -> BillingConfig.from(Map.of("PLAN_FREE_PRICE", "price_x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PLAN_FREE_PRICE");
        assertThatThrownBy(() -> BillingConfig.from(Map.of("PACK_MEGA_CREDITS", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PACK_MEGA_PRICE_CENTS");
        assertThatThrownBy(() -> BillingConfig.from(Map.of("PLAN_A_CREDITS", "1", "PLAN_A_PRICE", "p",
                "PLAN_B_CREDITS", "1", "PLAN_B_PRICE", "p")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("p");
    }
}
