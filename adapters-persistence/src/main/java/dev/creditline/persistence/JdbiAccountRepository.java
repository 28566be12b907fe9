package dev.creditline.persistence;

import dev.creditline.application.port.out.AccountRepository;
import dev.creditline.domain.user.LinkedAccount;
import java.util.List;
import java.util.UUID;

/** {@link AccountRepository} on table {@code accounts}; {@code (provider, provider_account_id)} is unique. */
public final class JdbiAccountRepository implements AccountRepository {

    private static final String INSERT_SQL = Sql.load("accounts/insert.sql");
    private static final String DELETE_SQL = Sql.load("accounts/delete.sql");
    private static final String FIND_BY_USER_SQL = Sql.load("accounts/find-by-user.sql");

    private final JdbiTransactions tx;

    public JdbiAccountRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(LinkedAccount a) {
        return tx.withHandle(h -> h.createUpdate(INSERT_SQL)
                .bind("id", a.id()).bind("userId", a.userId()).bind("type", a.type())
                .bind("provider", a.provider()).bind("pid", a.providerAccountId())
                .bind("refreshToken", a.refreshToken()).bind("accessToken", a.accessToken())
                .bind("expiresAt", a.expiresAt()).bind("tokenType", a.tokenType()).bind("scope", a.scope())
                .bind("idToken", a.idToken()).bind("sessionState", a.sessionState())
                .bind("createdAt", Rows.ts(a.createdAt()))
                .execute()) == 1;
    }

    @Override
    public void delete(String provider, String providerAccountId) {
        tx.withHandle(h -> h.createUpdate(DELETE_SQL)
                .bind("provider", provider).bind("pid", providerAccountId).execute());
    }

    @Override
    public List<LinkedAccount> findByUser(UUID userId) {
        return tx.withHandle(h -> h.createQuery(FIND_BY_USER_SQL)
                .bind("u", userId)
                .map((rs, ctx) -> new LinkedAccount(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("type"),
                        rs.getString("provider"), rs.getString("provider_account_id"), rs.getString("refresh_token"),
                        rs.getString("access_token"), Rows.nullableLong(rs, "expires_at"), rs.getString("token_type"),
                        rs.getString("scope"), rs.getString("id_token"), rs.getString("session_state"),
                        Rows.instant(rs, "created_at")))
                .list());
    }
}
