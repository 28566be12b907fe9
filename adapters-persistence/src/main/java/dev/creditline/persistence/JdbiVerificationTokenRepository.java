package dev.creditline.persistence;

import dev.creditline.application.port.out.VerificationTokenRepository;
import java.time.Instant;
import java.util.Optional;

/** {@link VerificationTokenRepository} on table {@code verification_tokens}. */
public final class JdbiVerificationTokenRepository implements VerificationTokenRepository {

    private static final String SAVE_SQL = Sql.load("verification/save.sql");
    private static final String CONSUME_SQL = Sql.load("verification/consume.sql");

    private final JdbiTransactions tx;

    public JdbiVerificationTokenRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(String identifier, String tokenHash, Instant expires) {
        tx.withHandle(h -> h.createUpdate(SAVE_SQL)
                .bind("i", identifier).bind("h", tokenHash).bind("e", Rows.ts(expires)).execute());
    }

    @Override
    public Optional<Instant> consume(String identifier, String tokenHash) {
        return tx.withHandle(h -> h.createQuery(CONSUME_SQL)
                .bind("i", identifier).bind("h", tokenHash)
                .map((rs, ctx) -> Rows.instant(rs, "expires"))
                .findOne());
    }
}
