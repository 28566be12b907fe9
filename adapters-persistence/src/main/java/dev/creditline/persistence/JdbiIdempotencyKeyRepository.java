package dev.creditline.persistence;

import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import dev.creditline.domain.metering.IdempotentOutcome.Kind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyKeyRepository} on table {@code idempotency_keys} (migration V10): the outcome's
 * kind in {@code status}, its document in {@code body}.
 */
public final class JdbiIdempotencyKeyRepository implements IdempotencyKeyRepository {

    private static final String CLAIM_SQL = Sql.load("idempotency/claim.sql");
    private static final String COMPLETE_SQL = Sql.load("idempotency/complete.sql");
    private static final String INSERT_COMPLETED_SQL = Sql.load("idempotency/insert-completed.sql");
    private static final String FIND_SQL = Sql.load("idempotency/find.sql");
    private static final String DELETE_CREATED_BEFORE_SQL = Sql.load("idempotency/delete-created-before.sql");

    /**
     * The {@code status} column's value for each kind. The column held the HTTP status of the
     * stored answer before the port spoke of kinds; it keeps those values (CHECK 100..599), so rows
     * written by an older version of the service read back as the same kind, and an operator reading
     * the table sees what was answered.
     */
    private static final Map<Kind, Integer> COLUMN = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.CREATED, 201),
            Map.entry(Kind.APPLIED, 200),
            Map.entry(Kind.REFUSED_UNKNOWN_OPTION, 400),
            Map.entry(Kind.REFUSED_INSUFFICIENT_FUNDS, 402),
            Map.entry(Kind.REFUSED_NOT_PERMITTED, 403),
            Map.entry(Kind.REFUSED_NOT_FOUND, 404),
            Map.entry(Kind.REFUSED_CONFLICT, 409),
            Map.entry(Kind.REFUSED_EXPIRED, 410),
            Map.entry(Kind.REFUSED_BY_RULE, 422),
            Map.entry(Kind.FAILED_REMOTE, 502),
            Map.entry(Kind.UNAVAILABLE, 503)));
    private static final Map<Integer, Kind> KIND = new HashMap<>();

    static {
        COLUMN.forEach((kind, value) -> KIND.put(value, kind));
        if (COLUMN.size() != Kind.values().length || KIND.size() != COLUMN.size()) {
            throw new ExceptionInInitializerError("every outcome kind needs its own status value");
        }
    }

    private final JdbiTransactions tx;

    public JdbiIdempotencyKeyRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean claim(IdempotencyKey key, Instant at) {
        return tx.withHandle(h -> h.createUpdate(CLAIM_SQL)
                .bind("scope", key.scope()).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("at", Rows.ts(at))
                .execute()) == 1;
    }

    @Override
    public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
        int n = tx.withHandle(h -> h.createUpdate(COMPLETE_SQL)
                .bind("status", COLUMN.get(outcome.kind())).bind("body", outcome.document())
                .bind("scope", key.scope()).bind("key", key.key())
                .execute());
        if (n != 1) {
            throw new IllegalStateException("idempotency key " + key.key() + " was not claimed");
        }
    }

    @Override
    public boolean insertCompleted(IdempotencyKey key, IdempotentOutcome outcome, Instant at) {
        return tx.withHandle(h -> h.createUpdate(INSERT_COMPLETED_SQL)
                .bind("scope", key.scope()).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("status", COLUMN.get(outcome.kind())).bind("body", outcome.document())
                .bind("at", Rows.ts(at))
                .execute()) == 1;
    }

    @Override
    public Optional<StoredKey> find(String scope, String key) {
        return tx.withHandle(h -> h.createQuery(FIND_SQL)
                .bind("scope", scope).bind("key", key)
                .map((rs, ctx) -> {
                    int status = rs.getInt("status");
                    Optional<IdempotentOutcome> outcome = rs.wasNull()
                            ? Optional.empty() : Optional.of(new IdempotentOutcome(kind(status), rs.getString("body")));
                    return new StoredKey(rs.getString("request_hash"), outcome);
                })
                .findOne());
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        return tx.withHandle(h -> h.createUpdate(DELETE_CREATED_BEFORE_SQL)
                .bind("cutoff", Rows.ts(cutoff)).bind("limit", limit)
                .execute());
    }

    private static Kind kind(int status) {
        Kind kind = KIND.get(status);
        if (kind == null) {
            throw new IllegalStateException("idempotency_keys.status " + status + " is no known outcome");
        }
        return kind;
    }
}
