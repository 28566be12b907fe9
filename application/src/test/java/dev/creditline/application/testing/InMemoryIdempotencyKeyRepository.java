package dev.creditline.application.testing;

import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.application.testing.InMemoryDatabase.KeyRow;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyKeyRepository} on {@link InMemoryDatabase}; held to
 * {@code IdempotencyKeyRepositoryContractTest}. Transactions are serialised, so a claim never
 * waits: the claim of a key whose claiming transaction rolled back finds no row, as in PostgreSQL.
 */
public final class InMemoryIdempotencyKeyRepository implements IdempotencyKeyRepository {

    private final InMemoryDatabase db;

    public InMemoryIdempotencyKeyRepository(InMemoryDatabase db) {
        this.db = db;
    }

    /** The table's CHECK: a request hash is a hex SHA-256. */
    private static void checkHash(IdempotencyKey key) {
        if (!key.requestHash().matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("idempotency_keys violates its check constraint: request_hash "
                    + key.requestHash());
        }
    }

    @Override
    public boolean claim(IdempotencyKey key, Instant at) {
        checkHash(key);
        return db.inTransaction(() -> db.tables().idempotencyKeys.putIfAbsent(id(key.scope(), key.key()),
                new KeyRow(key.requestHash(), null, at)) == null);
    }

    @Override
    public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
        db.inTransaction(() -> {
            KeyRow row = db.tables().idempotencyKeys.get(id(key.scope(), key.key()));
            if (row == null) {
                throw new IllegalStateException("idempotency key " + key.key() + " was not claimed");
            }
            db.tables().idempotencyKeys.put(id(key.scope(), key.key()),
                    new KeyRow(row.requestHash(), outcome, row.createdAt()));
        });
    }

    @Override
    public boolean insertCompleted(IdempotencyKey key, IdempotentOutcome outcome, Instant at) {
        checkHash(key);
        return db.inTransaction(() -> db.tables().idempotencyKeys.putIfAbsent(id(key.scope(), key.key()),
                new KeyRow(key.requestHash(), outcome, at)) == null);
    }

    @Override
    public Optional<StoredKey> find(String scope, String key) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().idempotencyKeys.get(id(scope, key)))
                .map(r -> new StoredKey(r.requestHash(), Optional.ofNullable(r.outcome()))));
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        return db.inTransaction(() -> {
            var keys = db.tables().idempotencyKeys;
            List<List<String>> old = keys.entrySet().stream().filter(e -> e.getValue().createdAt().isBefore(cutoff))
                    .sorted(Comparator.comparing((Map.Entry<List<String>, KeyRow> e) -> e.getValue().createdAt()))
                    .limit(limit).map(Map.Entry::getKey).toList();
            old.forEach(keys::remove);
            return old.size();
        });
    }

    private static List<String> id(String scope, String key) {
        return List.of(scope, key);
    }
}
