package dev.creditline.rest.json;

import dev.creditline.domain.ledger.LedgerEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of a ledger entry (api.md "User endpoints" and "Admin"); amounts in credits, UTC instants. */
public final class LedgerJson {

    private LedgerJson() {
    }

    /** {@code {id, delta, balance_after, reason, created_at}}: balance recent transactions, admin adjustments. */
    public static Map<String, Object> summary(LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("delta", e.delta());
        m.put("balance_after", e.balanceAfter());
        m.put("reason", e.reason().wireName());
        m.put("created_at", e.createdAt());
        return m;
    }

    /** {@code {id, delta, balance_after, reason, ref_type, ref_id, created_at}}: {@code /api/credits/history} items. */
    public static Map<String, Object> withRef(LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("delta", e.delta());
        m.put("balance_after", e.balanceAfter());
        m.put("reason", e.reason().wireName());
        m.put("ref_type", e.ref().type());
        m.put("ref_id", e.ref().id());
        m.put("created_at", e.createdAt());
        return m;
    }
}
