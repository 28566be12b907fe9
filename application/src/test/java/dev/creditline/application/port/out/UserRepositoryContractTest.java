package dev.creditline.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} does: emails are unique case-insensitively, a new user starts
 * at balance 0, profile and anchor updates touch only their columns, and a delete takes the
 * user's ledger with it.
 */
public abstract class UserRepositoryContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private UserRepository users() {
        return ports().users();
    }

    private LedgerRepository ledger() {
        return ports().ledger();
    }

    private static final Instant T = TestUsers.T0;

    @Test
    void a_new_user_is_stored_as_given_with_a_zero_balance() {
        User given = TestUsers.user(T);
        User withBalance = new User(given.id(), given.email(), "Ada", "https://img", T, "free", 500, given.role(),
                null, null, null, null, null, T, T);

        User stored = users().insert(withBalance).orElseThrow();

        assertThat(stored.creditsBalance()).isZero();
        assertThat(stored.name()).isEqualTo("Ada");
        assertThat(stored.emailVerified()).isEqualTo(T);
        assertThat(stored.createdAt()).isEqualTo(T);
        assertThat(users().findById(given.id())).contains(stored);
        assertThat(users().lockById(given.id())).contains(stored);
    }

    @Test
    void emails_are_unique_and_found_case_insensitively() {
        User u = TestUsers.stored(users());
        User sameEmail = TestUsers.user(T);
        String shouted = u.email().toUpperCase(Locale.ROOT);

        assertThat(users().insert(new User(sameEmail.id(), shouted, null, null, null, "free", 0, sameEmail.role(),
                null, null, null, null, null, T, T))).isEmpty();
        assertThat(users().findById(sameEmail.id())).isEmpty();
        assertThat(users().findByEmail(" " + shouted + " ")).map(User::id).contains(u.id());
    }

    @Test
    void the_allowance_anchor_and_the_profile_change_only_their_columns() {
        User u = TestUsers.stored(users());
        Instant later = T.plusSeconds(3600);

        users().moveAllowanceAnchor(u.id(), T.plusSeconds(60), later);
        users().updateProfile(new User(u.id(), "ignored@example.com", "New", null, later, "pro", 99, u.role(),
                null, null, null, null, null, u.createdAt(), later.plusSeconds(1)));

        User after = users().findById(u.id()).orElseThrow();
        assertThat(after.monthlyCreditsGrantedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(after.name()).isEqualTo("New");
        assertThat(after.emailVerified()).isEqualTo(later);
        assertThat(after.updatedAt()).isEqualTo(later.plusSeconds(1));
        assertThat(after.email()).isEqualTo(u.email());
        assertThat(after.plan()).isEqualTo("free");
        assertThat(after.creditsBalance()).isZero();
    }

    @Test
    void deleting_a_user_deletes_the_users_ledger_and_reports_whether_there_was_one() {
        User u = TestUsers.stored(users());
        ledger().append(LedgerAppend.of(u.id(), 10, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("g"), T));

        assertThat(users().delete(u.id())).isTrue();
        assertThat(users().delete(u.id())).isFalse();
        assertThat(users().findById(u.id())).isEmpty();
        assertThat(ledger().history(u.id(), 10, 0).total()).isZero();
    }
}
