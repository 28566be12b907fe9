package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured credit packs. Pack ids are unique.
 */
public final class CreditPackCatalog {

    private final Map<String, CreditPack> byId;

    private CreditPackCatalog(Map<String, CreditPack> byId) {
        this.byId = byId;
    }

    /**
     * The default packs: {@code starter} 50,000 credits $5, {@code pro} 200,000 $15,
     * {@code enterprise} 1,000,000 $50.
     *
     * @param priceIds pack id → Stripe price id; a missing or blank entry leaves that pack
     *                 without a price (not purchasable); may be null
     */
    public static CreditPackCatalog defaults(Map<String, String> priceIds) {
        Map<String, String> p = priceIds == null ? Map.of() : priceIds;
        return of(List.of(
                new CreditPack("starter", 50_000, 500, price(p, "starter")),
                new CreditPack("pro", 200_000, 1_500, price(p, "pro")),
                new CreditPack("enterprise", 1_000_000, 5_000, price(p, "enterprise"))));
    }

    /**
     * A catalog from configuration, in the given order.
     *
     * @throws ValidationException field {@code packs} when empty or a pack id repeats
     */
    public static CreditPackCatalog of(Collection<CreditPack> packs) {
        if (packs == null || packs.isEmpty()) {
            throw new ValidationException("packs", "must not be empty");
        }
        Map<String, CreditPack> ids = new LinkedHashMap<>();
        for (CreditPack pack : packs) {
            if (ids.putIfAbsent(pack.id(), pack) != null) {
                throw new ValidationException("packs", "duplicate pack id " + pack.id());
            }
        }
        return new CreditPackCatalog(Collections.unmodifiableMap(ids));
    }

    /** Pack by id (exact), or empty. */
    public Optional<CreditPack> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * Pack by id where it must exist (checkout, {@code DEFAULT_PACK}).
     *
     * @throws UnknownCreditPackException code {@code UNKNOWN_PACK} when there is no such pack
     */
    public CreditPack require(String id) {
        return byId(id).orElseThrow(() -> new UnknownCreditPackException(id));
    }

    /** All packs in configuration order. */
    public List<CreditPack> all() {
        return List.copyOf(byId.values());
    }

    private static String price(Map<String, String> priceIds, String packId) {
        String price = priceIds.get(packId);
        return price == null || price.isBlank() ? null : price;
    }
}
