package dev.creditline.application.service;

import dev.creditline.application.port.in.LinkAccountUseCase;
import dev.creditline.application.port.out.AccountRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.user.DuplicateAccountException;
import dev.creditline.domain.user.LinkedAccount;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.util.UUID;

/** Links provider accounts to users (Auth.js {@code linkAccount}, {@code unlinkAccount}). */
public final class AccountService implements LinkAccountUseCase {

    private final TransactionPort tx;
    private final UserRepository users;
    private final AccountRepository accounts;
    private final Clock clock;

    public AccountService(TransactionPort tx, UserRepository users, AccountRepository accounts, Clock clock) {
        this.tx = tx;
        this.users = users;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public LinkedAccount link(LinkedAccount a) {
        LinkedAccount account = new LinkedAccount(UUID.randomUUID(), a.userId(), a.type(), a.provider(),
                a.providerAccountId(), a.refreshToken(), a.accessToken(), a.expiresAt(), a.tokenType(), a.scope(),
                a.idToken(), a.sessionState(), clock.instant());
        return tx.inTransaction(() -> {
            // The share lock keeps the user from being deleted between this check and the insert.
            users.lockById(account.userId()).orElseThrow(UserNotFoundException::new);
            if (!accounts.insert(account)) {
                throw new DuplicateAccountException();
            }
            return account;
        });
    }

    @Override
    public void unlink(String provider, String providerAccountId) {
        tx.inTransaction(() -> accounts.delete(provider, providerAccountId));
    }
}
