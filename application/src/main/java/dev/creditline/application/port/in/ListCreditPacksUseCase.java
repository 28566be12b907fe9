package dev.creditline.application.port.in;

import dev.creditline.domain.plan.CreditPack;
import java.util.List;

/** The credit packs on sale (api.md {@code GET /api/billing/products}). */
public interface ListCreditPacksUseCase {

    /** All configured packs in configuration order. */
    List<CreditPack> creditPacks();
}
