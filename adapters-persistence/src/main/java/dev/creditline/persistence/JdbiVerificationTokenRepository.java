package dev.creditline.persistence;

import dev.creditline.application.port.out.VerificationTokenRepository;
import java.time.Instant;
import java.util.Optional;

/** {@link VerificationTokenRepository} on table {@code verification_tokens}. */
public final class JdbiVerificationTokenRepository implements VerificationTokenRepository {

    private final JdbiTransactions tx;

    public JdbiVerificationTokenRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(String identifier, String tokenHash, Instant expires) {
        tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO verification_tokens (identifier, token_hash, expires) VALUES (:i, :h, :e)
                        ON CONFLICT (identifier, token_hash) DO UPDATE SET expires = EXCLUDED.expires""")
                .bind("i", identifier).bind("h", tokenHash).bind("e", Rows.ts(expires)).execute());
    }

    @Override
    public Optional<Instant> consume(String identifier, String tokenHash) {
        return tx.withHandle(h -> h.createQuery(
                        "DELETE FROM verification_tokens WHERE identifier = :i AND token_hash = :h RETURNING expires")
                .bind("i", identifier).bind("h", tokenHash)
                .map((rs, ctx) -> Rows.instant(rs, "expires"))
                .findOne());
    }
}
