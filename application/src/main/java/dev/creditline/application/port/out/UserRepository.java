package dev.creditline.application.port.out;

import dev.creditline.domain.user.User;
import java.util.Optional;
import java.util.UUID;

/** Stores users (table {@code users}). Runs in the caller's transaction when there is one. */
public interface UserRepository {

    /**
     * Inserts a new user with a zero balance (the signup bonus is a ledger entry).
     *
     * @return the stored user, or empty when the email is taken (case-insensitively)
     */
    Optional<User> insert(User user);

    Optional<User> findById(UUID id);

    /** Finds by email, compared lower-cased. */
    Optional<User> findByEmail(String email);

    /** Finds the user a provider account is linked to. */
    Optional<User> findByAccount(String provider, String providerAccountId);

    /** Reads the user and locks the row until the transaction ends ({@code FOR UPDATE}). */
    Optional<User> lockById(UUID id);

    /**
     * Moves the free allowance anchor {@code monthly_credits_granted_at} to {@code periodStart}.
     * Call it in the transaction that holds the
     * user's row lock and appends the grant.
     *
     * @param periodStart start of the period just granted (UTC)
     * @param at          the time of the change, stored as {@code updated_at}
     */
    void moveAllowanceAnchor(UUID id, java.time.Instant periodStart, java.time.Instant at);

    /** Stores name, image, emailVerified and updatedAt of an existing user. */
    void updateProfile(User user);

    /**
     * Deletes the user; accounts, ledger entries and everything else keyed to the user go with
     * it ({@code ON DELETE CASCADE}).
     *
     * @return whether a user was deleted
     */
    boolean delete(UUID id);
}
