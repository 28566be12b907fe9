package dev.creditline.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.ledger.LedgerVerification;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerRepository} does, PostgreSQL's or the in-memory fake's: the append is
 * conditional (never below zero), an idempotent ref is used once per user, nothing is written
 * when an append is refused or its transaction rolls back, and the cached balance follows the
 * entries. Subclasses give the ports under test.
 */
public abstract class LedgerRepositoryContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private TransactionPort tx() {
        return ports().tx();
    }

    private UserRepository users() {
        return ports().users();
    }

    private LedgerRepository ledger() {
        return ports().ledger();
    }

    private static final Instant T = TestUsers.T0;

    private User user() {
        return TestUsers.stored(users());
    }

    private AppendResult grant(User u, long credits, LedgerRef ref) {
        return ledger().append(LedgerAppend.of(u.id(), credits, LedgerReason.ADMIN_ADJUSTMENT, ref, T));
    }

    private AppendResult debit(User u, long credits, LedgerRef ref) {
        return ledger().append(LedgerAppend.of(u.id(), -credits, LedgerReason.USAGE, ref, T));
    }

    private long balance(User u) {
        return users().findById(u.id()).orElseThrow().creditsBalance();
    }

    @Test
    void an_append_writes_the_entry_with_its_running_balance_and_moves_the_cached_balance() {
        User u = user();
        AppendResult granted = grant(u, 100, LedgerRef.manual("g1"));
        AppendResult debited = debit(u, 30, LedgerRef.modelCall(UUID.randomUUID()));

        assertThat(granted).isInstanceOf(AppendResult.Appended.class);
        LedgerEntry entry = ((AppendResult.Appended) debited).entry();
        assertThat(entry.userId()).isEqualTo(u.id());
        assertThat(entry.delta()).isEqualTo(-30);
        assertThat(entry.balanceAfter()).isEqualTo(70);
        assertThat(entry.reason()).isEqualTo(LedgerReason.USAGE);
        assertThat(entry.createdAt()).isEqualTo(T);
        assertThat(entry.id()).isGreaterThan(((AppendResult.Appended) granted).entry().id());
        assertThat(balance(u)).isEqualTo(70);
    }

    @Test
    void a_debit_over_the_balance_is_refused_with_the_balance_and_writes_nothing() {
        User u = user();
        grant(u, 50, LedgerRef.manual("g"));

        assertThat(debit(u, 51, LedgerRef.modelCall(UUID.randomUUID()))).isEqualTo(new AppendResult.Insufficient(50));
        assertThat(balance(u)).isEqualTo(50);
        assertThat(ledger().history(u.id(), 10, 0).total()).isEqualTo(1);
        assertThat(debit(u, 50, LedgerRef.modelCall(UUID.randomUUID()))).isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(u)).isZero();
    }

    /** A user on {@code plan}, created at {@code created}, with the allowance anchor {@code anchor} (or none). */
    private User user(String plan, Instant created, Instant anchor) {
        UUID id = UUID.randomUUID();
        return users().insert(new User(id, id + "@example.com", null, null, null, plan, 0, Role.USER,
                null, anchor, null, null, null, created, created)).orElseThrow();
    }

    private AppendResult debitUnlessDue(User u, long credits, Instant cutoff) {
        return ledger().appendUnlessAllowanceDue(LedgerAppend.of(u.id(), -credits, LedgerReason.USAGE,
                LedgerRef.modelCall(UUID.randomUUID()), T), cutoff);
    }

    @Test
    void a_debit_unless_the_allowance_is_due_is_refused_exactly_when_a_free_users_anchor_is_at_or_before_the_cutoff() {
        Instant created = T.minus(Duration.ofDays(90));
        User anchored = user("free", created, T);
        User unanchored = user("free", T, null);
        grant(anchored, 100, LedgerRef.manual("g"));
        grant(unanchored, 100, LedgerRef.manual("g"));

        // The anchor is monthly_credits_granted_at when set, else the creation time.
        assertThat(debitUnlessDue(anchored, 10, T)).isEqualTo(new AppendResult.AllowanceDue());
        assertThat(debitUnlessDue(unanchored, 10, T)).isEqualTo(new AppendResult.AllowanceDue());
        assertThat(debitUnlessDue(anchored, 10, T.plusSeconds(86_400))).isEqualTo(new AppendResult.AllowanceDue());
        assertThat(balance(anchored)).isEqualTo(100);
        assertThat(balance(unanchored)).isEqualTo(100);
        assertThat(ledger().history(anchored.id(), 10, 0).total()).isEqualTo(1);

        Instant justBefore = T.minus(1, ChronoUnit.MICROS);
        assertThat(debitUnlessDue(anchored, 10, justBefore)).isInstanceOf(AppendResult.Appended.class);
        assertThat(debitUnlessDue(unanchored, 10, justBefore)).isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(anchored)).isEqualTo(90);
        assertThat(balance(unanchored)).isEqualTo(90);
    }

    @Test
    void a_due_allowance_comes_before_an_insufficient_balance_and_only_free_users_have_one() {
        Instant longAgo = T.minus(Duration.ofDays(400));
        User free = user("free", longAgo, null);
        User paid = user("pro", longAgo, longAgo);
        grant(paid, 5, LedgerRef.manual("g"));

        assertThat(debitUnlessDue(free, 10, T)).isEqualTo(new AppendResult.AllowanceDue());
        assertThat(debitUnlessDue(paid, 10, T)).isEqualTo(new AppendResult.Insufficient(5));
        assertThat(debitUnlessDue(paid, 5, T)).isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(paid)).isZero();
        assertThat(ledger().appendUnlessAllowanceDue(LedgerAppend.of(UUID.randomUUID(), -1, LedgerReason.USAGE,
                LedgerRef.modelCall(UUID.randomUUID()), T), T)).isEqualTo(new AppendResult.UnknownUser());
    }

    @Test
    void a_credit_asked_to_wait_for_a_due_allowance_waits_too_and_is_appended_once_none_is_due() {
        User free = user("free", T.minus(Duration.ofDays(90)), T);
        LedgerAppend credit = LedgerAppend.of(free.id(), 7, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("c"), T);

        assertThat(ledger().appendUnlessAllowanceDue(credit, T)).isEqualTo(new AppendResult.AllowanceDue());
        assertThat(balance(free)).isZero();
        assertThat(ledger().appendUnlessAllowanceDue(credit, T.minus(1, ChronoUnit.MICROS)))
                .isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(free)).isEqualTo(7);
        assertThat(ledger().appendUnlessAllowanceDue(LedgerAppend.of(UUID.randomUUID(), 7,
                LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("c"), T), T)).isEqualTo(new AppendResult.UnknownUser());
    }

    @Test
    void an_idempotent_ref_is_appended_once_per_user_whatever_the_amount() {
        User u = user();
        User other = user();
        LedgerRef once = LedgerRef.signupBonus(u.id());

        assertThat(ledger().append(LedgerAppend.of(u.id(), 100, LedgerReason.SIGNUP_BONUS, once, T)))
                .isInstanceOf(AppendResult.Appended.class);
        assertThat(ledger().append(LedgerAppend.of(u.id(), 5, LedgerReason.SIGNUP_BONUS, once, T)))
                .isEqualTo(new AppendResult.Duplicate());
        assertThat(ledger().append(LedgerAppend.of(other.id(), 7, LedgerReason.SIGNUP_BONUS, once, T)))
                .isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(u)).isEqualTo(100);
        assertThat(balance(other)).isEqualTo(7);
        assertThat(ledger().history(u.id(), 10, 0).total()).isEqualTo(1);
    }

    @Test
    void a_repeated_idempotent_debit_is_a_duplicate_even_when_the_balance_no_longer_covers_it() {
        User u = user();
        grant(u, 10, LedgerRef.manual("g"));
        LedgerRef call = LedgerRef.modelCall(UUID.randomUUID());
        debit(u, 10, call);

        assertThat(debit(u, 10, call)).isEqualTo(new AppendResult.Duplicate());
        assertThat(balance(u)).isZero();
    }

    @Test
    void a_ref_of_a_type_that_is_not_idempotent_may_repeat() {
        User u = user();
        LedgerRef manual = LedgerRef.manual("same");
        grant(u, 10, manual);

        assertThat(grant(u, 10, manual)).isInstanceOf(AppendResult.Appended.class);
        assertThat(balance(u)).isEqualTo(20);
    }

    @Test
    void an_append_for_an_unknown_user_writes_nothing() {
        UUID nobody = UUID.randomUUID();

        assertThat(ledger().append(LedgerAppend.of(nobody, 10, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("x"), T)))
                .isEqualTo(new AppendResult.UnknownUser());
        assertThat(ledger().history(nobody, 10, 0).total()).isZero();
    }

    @Test
    void an_append_in_a_transaction_that_rolls_back_leaves_no_entry_and_no_balance() {
        User u = user();
        LedgerRef ref = LedgerRef.signupBonus(u.id());

        assertThatThrownBy(() -> tx().inTransaction(() -> {
            ledger().append(LedgerAppend.of(u.id(), 100, LedgerReason.SIGNUP_BONUS, ref, T));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(balance(u)).isZero();
        assertThat(ledger().refExists(u.id(), ref.type(), ref.id())).isFalse();
        assertThat(ledger().append(LedgerAppend.of(u.id(), 100, LedgerReason.SIGNUP_BONUS, ref, T)))
                .isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void history_is_newest_first_ties_by_id_paged_with_the_total() {
        User u = user();
        grant(u, 1, LedgerRef.manual("a"));
        ledger().append(LedgerAppend.of(u.id(), 2, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("b"),
                T.plusSeconds(60)));
        grant(u, 3, LedgerRef.manual("c"));

        dev.creditline.domain.ledger.LedgerPage all = ledger().history(u.id(), 10, 0);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(LedgerEntry::delta).containsExactly(2L, 3L, 1L);
        dev.creditline.domain.ledger.LedgerPage second = ledger().history(u.id(), 1, 1);
        assertThat(second.items()).extracting(LedgerEntry::delta).containsExactly(3L);
        assertThat(second.total()).isEqualTo(3);
        assertThat(ledger().history(u.id(), 10, 3).items()).isEmpty();
    }

    @Test
    void ref_exists_only_for_the_user_who_used_it() {
        User u = user();
        User other = user();
        LedgerRef call = LedgerRef.modelCall(UUID.randomUUID());
        grant(u, 5, LedgerRef.manual("g"));
        debit(u, 5, call);

        assertThat(ledger().refExists(u.id(), call.type(), call.id())).isTrue();
        assertThat(ledger().refExists(other.id(), call.type(), call.id())).isFalse();
        assertThat(ledger().refExists(u.id(), call.type(), "other")).isFalse();
    }

    @Test
    void verify_finds_a_ledger_kept_by_appends_consistent() {
        User u = user();
        grant(u, 40, LedgerRef.manual("g"));
        debit(u, 15, LedgerRef.modelCall(UUID.randomUUID()));
        List<LedgerVerification> seen = new ArrayList<>();

        long checked = ledger().verify(Optional.of(u.id()), seen::add);

        assertThat(checked).isEqualTo(1);
        assertThat(seen).singleElement().satisfies(v -> {
            assertThat(v.userId()).isEqualTo(u.id());
            assertThat(v.balance()).isEqualTo(25);
            assertThat(v.ledgerSum()).isEqualTo(25);
            assertThat(v.isConsistent()).isTrue();
        });
    }
}
