package dev.creditline.rest.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.domain.ledger.LedgerEntry;
import java.time.Instant;

/** JSON shapes of a ledger entry (api.md "User endpoints" and "Admin"); amounts in credits, UTC instants. */
public final class LedgerJson {

    private LedgerJson() {
    }

    /** {@code {id, delta, balance_after, reason, created_at}}: balance recent transactions. */
    public record Summary(long id, long delta, @JsonProperty("balance_after") long balanceAfter, String reason,
                          @JsonProperty("created_at") Instant createdAt) {
        /** The summary of an entry. */
        public static Summary of(LedgerEntry e) {
            return new Summary(e.id(), e.delta(), e.balanceAfter(), e.reason().wireName(), e.createdAt());
        }
    }

    /** {@code {id, delta, balance_after, reason, ref_type, ref_id, created_at}}: {@code /api/credits/history} items. */
    public record WithRef(long id, long delta, @JsonProperty("balance_after") long balanceAfter, String reason,
                          @JsonProperty("ref_type") String refType, @JsonProperty("ref_id") String refId,
                          @JsonProperty("created_at") Instant createdAt) {
        /** The entry with its ref. */
        public static WithRef of(LedgerEntry e) {
            return new WithRef(e.id(), e.delta(), e.balanceAfter(), e.reason().wireName(), e.ref().type(),
                    e.ref().id(), e.createdAt());
        }
    }
}
