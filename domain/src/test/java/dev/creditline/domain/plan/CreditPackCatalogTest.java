package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Credit packs". */
class CreditPackCatalogTest {

    private final CreditPackCatalog catalog = CreditPackCatalog.defaults(Map.of(
            "starter", "price_s", "pro", "price_p", "enterprise", "price_e"));

    @Test
    void default_packs_are_starter_pro_and_enterprise() {
        assertThat(catalog.all()).containsExactly(
                new CreditPack("starter", 50_000, 500, "price_s"),
                new CreditPack("pro", 200_000, 1_500, "price_p"),
                new CreditPack("enterprise", 1_000_000, 5_000, "price_e"));
    }

    @Test
    void pack_is_found_by_id() {
        assertThat(catalog.byId("pro")).map(CreditPack::credits).contains(200_000L);
        assertThat(catalog.byId("gold")).isEmpty();
        assertThat(catalog.byId(null)).isEmpty();
    }

    @Test
    void requiring_an_unknown_pack_fails_with_unknown_pack() {
        assertThat(catalog.require("starter").credits()).isEqualTo(50_000);
        assertThatThrownBy(() -> catalog.require("gold"))
                .isInstanceOfSatisfying(UnknownCreditPackException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_PACK");
                    assertThat(e.packId()).isEqualTo("gold");
                });
    }

    @Test
    void packs_without_a_configured_price_are_not_purchasable() {
        CreditPackCatalog partial = CreditPackCatalog.defaults(Map.of("starter", "price_s", "pro", ""));
        assertThat(partial.require("starter").purchasable()).isTrue();
        assertThat(partial.require("pro").purchasable()).isFalse();
        assertThat(partial.require("enterprise").stripePriceId()).isNull();
        assertThat(CreditPackCatalog.defaults(null).all()).hasSize(3).noneMatch(CreditPack::purchasable);
    }

    @Test
    void pack_fields_are_validated() {
        assertThatThrownBy(() -> new CreditPack("x", 0, 100, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pack.credits"));
        assertThatThrownBy(() -> new CreditPack("", 1, 100, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pack.id"));
        assertThatThrownBy(() -> new CreditPack("x", 1, -1, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pack.priceUsdCents"));
        assertThatThrownBy(() -> new CreditPack("x", 1, 1, " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("pack.stripePriceId"));
    }

    @Test
    void duplicate_pack_ids_are_rejected() {
        assertThatThrownBy(() -> CreditPackCatalog.of(List.of(
                new CreditPack("a", 1, 1, null), new CreditPack("a", 2, 2, null))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("packs"));
    }
}
