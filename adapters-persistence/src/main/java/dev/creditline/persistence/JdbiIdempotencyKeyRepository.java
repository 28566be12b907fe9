package dev.creditline.persistence;

import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.domain.metering.IdempotencyKey;
import java.time.Instant;
import java.util.Optional;

/** {@link IdempotencyKeyRepository} on table {@code idempotency_keys} (migration V10). */
public final class JdbiIdempotencyKeyRepository implements IdempotencyKeyRepository {

    private final JdbiTransactions tx;

    public JdbiIdempotencyKeyRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean claim(IdempotencyKey key, Instant at) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
                        VALUES (:scope, :key, :hash, :at) ON CONFLICT DO NOTHING""")
                .bind("scope", key.scope()).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("at", Rows.ts(at))
                .execute()) == 1;
    }

    @Override
    public void complete(IdempotencyKey key, StoredOutcome outcome) {
        int n = tx.withHandle(h -> h.createUpdate(
                        "UPDATE idempotency_keys SET status = :status, body = :body WHERE scope = :scope AND key = :key")
                .bind("status", outcome.status()).bind("body", outcome.body())
                .bind("scope", key.scope()).bind("key", key.key())
                .execute());
        if (n != 1) {
            throw new IllegalStateException("idempotency key " + key.key() + " was not claimed");
        }
    }

    @Override
    public boolean insertCompleted(IdempotencyKey key, StoredOutcome outcome, Instant at) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
                        VALUES (:scope, :key, :hash, :status, :body, :at) ON CONFLICT DO NOTHING""")
                .bind("scope", key.scope()).bind("key", key.key()).bind("hash", key.requestHash())
                .bind("status", outcome.status()).bind("body", outcome.body())
                .bind("at", Rows.ts(at))
                .execute()) == 1;
    }

    @Override
    public Optional<StoredKey> find(String scope, String key) {
        return tx.withHandle(h -> h.createQuery(
                        "SELECT request_hash, status, body FROM idempotency_keys WHERE scope = :scope AND key = :key")
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
        return tx.withHandle(h -> h.createUpdate("""
                        DELETE FROM idempotency_keys WHERE ctid IN (
                            SELECT ctid FROM idempotency_keys WHERE created_at < :cutoff
                            ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", Rows.ts(cutoff)).bind("limit", limit)
                .execute());
    }
}
