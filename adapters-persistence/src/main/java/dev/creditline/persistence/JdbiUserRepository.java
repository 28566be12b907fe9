package dev.creditline.persistence;

import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link UserRepository} on table {@code users}. */
public final class JdbiUserRepository implements UserRepository {

    /**
     * The columns {@link #map} reads: {@code <columns>} in the statements that return users, and the
     * plain-JDBC read by id.
     */
    static final String COLUMNS = "id, email, name, image, email_verified, plan, credits_balance, role, "
            + "signup_bonus_granted_at, monthly_credits_granted_at, stripe_customer_id, stripe_subscription_id, "
            + "subscription_status, created_at, updated_at, next_lot_expiry";

    private static final String INSERT_SQL = Sql.load("users/insert.sql");
    private static final String BY_EMAIL_SQL = Sql.load("users/by-email.sql");
    private static final String BY_ACCOUNT_SQL = Sql.load("users/by-account.sql");
    private static final String LOCK_BY_ID_SQL = Sql.load("users/lock-by-id.sql");
    private static final String MOVE_ALLOWANCE_ANCHOR_SQL = Sql.load("users/move-allowance-anchor.sql");
    private static final String UPDATE_PROFILE_SQL = Sql.load("users/update-profile.sql");
    private static final String LOCK_EMAIL_SQL = Sql.load("users/lock-email.sql");
    private static final String DELETE_SQL = Sql.load("users/delete.sql");

    private final JdbiTransactions tx;
    private final Clock clock;

    public JdbiUserRepository(JdbiTransactions tx) {
        this(tx, Clock.systemUTC());
    }

    /** @param clock the time of {@code user.deleted} events */
    public JdbiUserRepository(JdbiTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Inserts the user and, in the same transaction, its {@code user.created} event (events.md). */
    @Override
    public Optional<User> insert(User u) {
        return tx.inHandleTransaction(h -> insert(h, u).map(created -> {
            JdbiEventOutbox.emit(h, created.id(), EventType.USER_CREATED, new EventData.UserCreated(created.email(),
                    created.name(), created.image(), created.emailVerified(), created.plan(),
                    created.role().wireName(), created.createdAt()), created.createdAt());
            return created;
        }));
    }

    private static Optional<User> insert(org.jdbi.v3.core.Handle h, User u) {
        return h.createQuery(INSERT_SQL).define("columns", COLUMNS)
                .bind("id", u.id())
                .bind("email", u.email())
                .bind("name", u.name())
                .bind("image", u.image())
                .bind("emailVerified", Rows.ts(u.emailVerified()))
                .bind("plan", u.plan())
                .bind("role", u.role().wireName())
                .bind("signupBonusAt", Rows.ts(u.signupBonusGrantedAt()))
                .bind("monthlyAt", Rows.ts(u.monthlyCreditsGrantedAt()))
                .bind("createdAt", Rows.ts(u.createdAt()))
                .bind("updatedAt", Rows.ts(u.updatedAt()))
                .map(JdbiUserRepository::map)
                .findOne();
    }

    /** Plain JDBC ({@link Jdbc}): the free allowance reads the user on every metered request. */
    @Override
    public Optional<User> findById(UUID id) {
        return tx.withHandle(h -> Jdbc.first(h, "SELECT " + COLUMNS + " FROM users WHERE id = ?",
                rs -> map(rs, null), id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return tx.withHandle(h -> h.createQuery(BY_EMAIL_SQL).define("columns", COLUMNS)
                .bind("email", email.trim()).map(JdbiUserRepository::map).findOne());
    }

    @Override
    public Optional<User> findByAccount(String provider, String providerAccountId) {
        return tx.withHandle(h -> h.createQuery(BY_ACCOUNT_SQL).define("columns", COLUMNS)
                .bind("provider", provider).bind("pid", providerAccountId)
                .map(JdbiUserRepository::map).findOne());
    }

    @Override
    public Optional<User> lockById(UUID id) {
        return tx.withHandle(h -> h.createQuery(LOCK_BY_ID_SQL).define("columns", COLUMNS)
                .bind("id", id).map(JdbiUserRepository::map).findOne());
    }

    @Override
    public void moveAllowanceAnchor(UUID id, java.time.Instant periodStart, java.time.Instant at) {
        tx.withHandle(h -> h.createUpdate(MOVE_ALLOWANCE_ANCHOR_SQL)
                .bind("anchor", Rows.ts(periodStart))
                .bind("at", Rows.ts(at))
                .bind("id", id)
                .execute());
    }

    @Override
    public void updateProfile(User u) {
        tx.withHandle(h -> h.createUpdate(UPDATE_PROFILE_SQL)
                .bind("id", u.id())
                .bind("name", u.name())
                .bind("image", u.image())
                .bind("emailVerified", Rows.ts(u.emailVerified()))
                .bind("updatedAt", Rows.ts(u.updatedAt()))
                .execute());
    }

    /**
     * Deletes the user; first, in the same transaction and under the user's row lock, its
     * {@code user.deleted} event, which outlives the row (the outbox is not keyed by user_id).
     */
    @Override
    public boolean delete(UUID id) {
        return tx.inHandleTransaction(h -> {
            Optional<String> email = h.createQuery(LOCK_EMAIL_SQL)
                    .bind("id", id).mapTo(String.class).findOne();
            if (email.isEmpty()) {
                return false;
            }
            JdbiEventOutbox.emit(h, id, EventType.USER_DELETED, new EventData.UserDeleted(email.get()), clock.instant());
            return h.createUpdate(DELETE_SQL).bind("id", id).execute() > 0;
        });
    }

    /** The one mapper of a {@code users} row, by column name (JDBI and plain JDBC alike). */
    static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(Rows.uuid(rs, "id"), rs.getString("email"), rs.getString("name"), rs.getString("image"),
                Rows.instant(rs, "email_verified"), rs.getString("plan"), rs.getLong("credits_balance"),
                Role.fromWire(rs.getString("role")).orElse(Role.USER),
                Rows.instant(rs, "signup_bonus_granted_at"), Rows.instant(rs, "monthly_credits_granted_at"),
                rs.getString("stripe_customer_id"), rs.getString("stripe_subscription_id"),
                rs.getString("subscription_status"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "next_lot_expiry"));
    }
}
