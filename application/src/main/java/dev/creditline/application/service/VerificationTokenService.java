package dev.creditline.application.service;

import dev.creditline.application.port.in.VerificationTokenUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.VerificationTokenRepository;
import dev.creditline.domain.user.VerificationToken;
import java.util.Optional;

/** Email sign-in tokens, stored as SHA-256 hex and used exactly once (lesson 23). */
public final class VerificationTokenService implements VerificationTokenUseCase {

    private final TransactionPort tx;
    private final VerificationTokenRepository tokens;

    public VerificationTokenService(TransactionPort tx, VerificationTokenRepository tokens) {
        this.tx = tx;
        this.tokens = tokens;
    }

    @Override
    public VerificationToken create(VerificationToken token) {
        tx.inTransaction(() -> tokens.save(token.identifier(), VerificationToken.hash(token.token()), token.expires()));
        return token;
    }

    @Override
    public Optional<VerificationToken> use(String identifier, String rawToken) {
        if (identifier == null || rawToken == null || rawToken.isEmpty()) {
            return Optional.empty();
        }
        return tx.inTransaction(() -> tokens.consume(identifier, VerificationToken.hash(rawToken))
                .map(expires -> new VerificationToken(identifier, rawToken, expires)));
    }
}
