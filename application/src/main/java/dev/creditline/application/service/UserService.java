package dev.creditline.application.service;

import dev.creditline.application.port.in.CreateUserUseCase;
import dev.creditline.application.port.in.DeleteUserUseCase;
import dev.creditline.application.port.in.FindUserUseCase;
import dev.creditline.application.port.in.UpdateUserUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.DuplicateEmailException;
import dev.creditline.domain.user.NewUser;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import dev.creditline.domain.user.UserUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * User lifecycle for the Auth.js adapter and the user endpoints. Creating a user grants the
 * signup bonus in the same transaction.
 */
public final class UserService implements CreateUserUseCase, FindUserUseCase, UpdateUserUseCase, DeleteUserUseCase {

    private final TransactionPort tx;
    private final UserRepository users;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final long signupBonusCredits;

    /**
     * @param signupBonusCredits credits granted at creation ({@code SIGNUP_BONUS_CREDITS}); 0 grants nothing
     */
    public UserService(TransactionPort tx, UserRepository users, LedgerRepository ledger, Clock clock,
                       long signupBonusCredits) {
        if (signupBonusCredits < 0) {
            throw new IllegalArgumentException("signup bonus must not be negative");
        }
        this.tx = tx;
        this.users = users;
        this.ledger = ledger;
        this.clock = clock;
        this.signupBonusCredits = signupBonusCredits;
    }

    @Override
    public User createUser(NewUser newUser) {
        Instant now = now();
        UUID id = UUID.randomUUID();
        User user = new User(id, newUser.email(), newUser.name(), newUser.image(), newUser.emailVerified(),
                "free", 0, Role.USER, now, now, null, null, null, now, now);
        return tx.inTransaction(() -> {
            User created = users.insert(user).orElseThrow(DuplicateEmailException::new);
            if (signupBonusCredits == 0) {
                return created;
            }
            AppendResult result = ledger.append(LedgerAppend.of(id, signupBonusCredits, LedgerReason.SIGNUP_BONUS,
                    LedgerRef.signupBonus(id), now));
            if (!(result instanceof AppendResult.Appended appended)) {
                throw new IllegalStateException("signup bonus of a new user was refused: " + result);
            }
            return withBalance(created, appended.entry().balanceAfter());
        });
    }

    @Override
    public Optional<User> findById(UUID id) {
        return users.findById(id);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email);
    }

    @Override
    public Optional<User> findByAccount(String provider, String providerAccountId) {
        return users.findByAccount(provider, providerAccountId);
    }

    @Override
    public User updateUser(UUID id, UserUpdate update) {
        return tx.inTransaction(() -> {
            User current = users.lockById(id).orElseThrow(UserNotFoundException::new);
            User updated = update.applyTo(current, now());
            users.updateProfile(updated);
            return updated;
        });
    }

    @Override
    public void deleteUser(UUID id) {
        tx.inTransaction(() -> {
            if (!users.delete(id)) {
                throw new UserNotFoundException();
            }
        });
    }

    private Instant now() {
        // The wiring's clock is a MicrosecondClock: what we return equals what we store.
        return clock.instant();
    }

    private static User withBalance(User u, long balance) {
        return new User(u.id(), u.email(), u.name(), u.image(), u.emailVerified(), u.plan(), balance, u.role(),
                u.signupBonusGrantedAt(), u.monthlyCreditsGrantedAt(), u.stripeCustomerId(),
                u.stripeSubscriptionId(), u.subscriptionStatus(), u.createdAt(), u.updatedAt());
    }
}
