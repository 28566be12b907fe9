package dev.creditline.persistence;

import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.domain.metering.IdempotencyKey;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyKeyRepository} on table {@code idempotency_keys} (migration V10). */
public final class JdbiIdempotencyKeyRepository implements IdempotencyKeyRepository {

    private static final String CLAIM_SQL = Sql.load("idempotency/claim.sql");
    private static final String COMPLETE_SQL = Sql.load("idempotency/complete.sql");
    private static final String INSERT_COMPLETED_SQL = Sql.load("idempotency/insert-completed.sql");
    private static final String FIND_SQL = Sql.load("idempotency/find.sql");
    private static final String DELETE_CREATED_BEFORE_SQL = Sql.load("idempotency/delete-created-before.sql");

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
    public void complete(IdempotencyKey key, StoredOutcome outcome) {
        int n = tx.withHandle(h -> h.createUpdate(COMPLETE_SQL)
                .bind("status", outcome.status()).bind("body", outcome.body())
                .bind("scope", key.scope()).bind("key", key.key())
                .execute());
        if (n != 1) {
            throw new IllegalStateException("idempotency key " + key.key() + " was not claimed");
        }
    }

    @Override
    public boolean insertCompleted(IdempotencyKey key, StoredOutcome outcome, Instant at) {
        return tx.withHandle(h -> h.createUpdate(INSERT_COMPLETED_SQL)
                .bind("scope", key.scope()).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("status", outcome.status()).bind("body", outcome.body())
                .bind("at", Rows.ts(at))
                .execute()) == 1;
    }

    @Override
    public Optional<StoredKey> find(String scope, String key) {
        return tx.withHandle(h -> h.createQuery(FIND_SQL)
                .bind("scope", scope).bind("key", key)
                .map((rs, ctx) -> {
                    int status = rs.getInt("status");
                    Optional<StoredOutcome> outcome = rs.wasNull()
                            ? Optional.empty() : Optional.of(new StoredOutcome(status, rs.getString("body")));
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
}
