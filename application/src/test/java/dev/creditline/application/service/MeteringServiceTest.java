package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.CaptureHoldUseCase.HoldCaptured;
import dev.creditline.application.port.in.CreateHoldUseCase.CreateHoldCommand;
import dev.creditline.application.port.in.CreateHoldUseCase.HoldCreated;
import dev.creditline.application.port.in.RecordModelCallUseCase.ModelCallReceipt;
import dev.creditline.application.port.in.RecordModelCallUseCase.RecordModelCallCommand;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.testing.InMemoryDatabase;
import dev.creditline.application.testing.InMemoryHoldRepository;
import dev.creditline.application.testing.InMemoryLedgerRepository;
import dev.creditline.application.testing.InMemoryModelCallRepository;
import dev.creditline.application.testing.InMemoryUserRepository;
import dev.creditline.application.testing.MutableClock;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldNotFoundException;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.ModelRate;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link MeteringService} over in-memory fakes: what a model call, a hold and the free allowance
 * write to the ledger, the model calls and the holds. Model {@code m} costs 1 credit per input
 * token and 2 per output token.
 */
class MeteringServiceTest {

    private static final Instant NOW = TestUsers.T0;
    private static final long MONTHLY = 50;

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryLedgerRepository ledger = new InMemoryLedgerRepository(db);
    private final InMemoryModelCallRepository calls = new InMemoryModelCallRepository(db);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository(db);
    private final MutableClock clock = new MutableClock(NOW);
    private final FreeAllowanceService allowance = new FreeAllowanceService(db, users, ledger, clock,
            new Plan(Plan.FREE_ID, MONTHLY, Set.of(), false));
    private final MeteringService metering = new MeteringService(db, users, ledger, calls, holds, allowance,
            PricingTable.of(Map.of("m", ModelRate.of(1000, 2000)), ModelRate.of(1000, 1000)), clock);

    /** A free user whose allowance is not due, with {@code credits}. */
    private User userWith(long credits) {
        User u = users.insert(TestUsers.user(NOW)).orElseThrow();
        users.moveAllowanceAnchor(u.id(), NOW, NOW);
        if (credits > 0) {
            ledger.append(LedgerAppend.of(u.id(), credits, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("seed"), NOW));
        }
        return u;
    }

    private static RecordModelCallCommand call(UUID userId, CallStatus status, long in, long out) {
        return new RecordModelCallCommand(userId, "m", "p", CallType.CHAT_COMPLETION, status, Usage.tokens(in, out), 7L,
                null, null, null, null, null, null, null, null);
    }

    private long balance(User u) {
        return users.findById(u.id()).orElseThrow().creditsBalance();
    }

    @Test
    void a_successful_call_debits_its_price_once_and_stores_the_call_with_what_it_charged() {
        User u = userWith(100);

        ModelCallReceipt receipt = metering.record(call(u.id(), CallStatus.SUCCESS, 10, 5));

        assertThat(receipt.credits()).isEqualTo(20);
        assertThat(receipt.balance()).isEqualTo(80);
        assertThat(balance(u)).isEqualTo(80);
        LedgerEntry debit = ledger.entries(u.id()).get(1);
        assertThat(debit.reason()).isEqualTo(LedgerReason.USAGE);
        assertThat(debit.ref()).isEqualTo(LedgerRef.modelCall(receipt.id()));
        ModelCall stored = calls.calls(u.id()).get(0);
        assertThat(stored.id()).isEqualTo(receipt.id());
        assertThat(stored.credits()).isEqualTo(20);
        assertThat(stored.callTime()).isEqualTo(NOW);
    }

    @Test
    void a_failed_call_is_stored_and_costs_nothing() {
        User u = userWith(100);

        ModelCallReceipt receipt = metering.record(call(u.id(), CallStatus.FAILED, 10, 5));

        assertThat(receipt.credits()).isZero();
        assertThat(receipt.balance()).isEqualTo(100);
        assertThat(ledger.entries(u.id())).hasSize(1);
        assertThat(calls.calls(u.id())).singleElement().extracting(ModelCall::credits).isEqualTo(0L);
    }

    @Test
    void a_call_the_balance_does_not_cover_is_refused_and_writes_nothing() {
        User u = userWith(19);

        assertThatThrownBy(() -> metering.record(call(u.id(), CallStatus.SUCCESS, 10, 5)))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.required()).isEqualTo(20);
                    assertThat(e.balance()).isEqualTo(19);
                });
        assertThat(balance(u)).isEqualTo(19);
        assertThat(calls.calls(u.id())).isEmpty();
    }

    @Test
    void a_due_free_allowance_is_granted_first_and_kept_when_the_call_is_refused() {
        User u = users.insert(TestUsers.user(NOW.minus(Duration.ofDays(31)))).orElseThrow();

        assertThatThrownBy(() -> metering.record(call(u.id(), CallStatus.SUCCESS, 100, 0)))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(balance(u)).isEqualTo(MONTHLY);
        assertThat(ledger.entries(u.id())).extracting(LedgerEntry::reason)
                .containsExactly(LedgerReason.MONTHLY_ALLOWANCE);

        assertThat(metering.record(call(u.id(), CallStatus.SUCCESS, 10, 0)).balance()).isEqualTo(MONTHLY - 10);
        assertThat(ledger.entries(u.id())).extracting(LedgerEntry::reason)
                .containsExactly(LedgerReason.MONTHLY_ALLOWANCE, LedgerReason.USAGE);
    }

    @Test
    void a_debit_the_balance_covers_waits_for_a_due_free_allowance_from_exactly_thirty_days() {
        for (Duration age : new Duration[] {Duration.ofDays(30).minusNanos(1_000), Duration.ofDays(30),
                Duration.ofDays(95)}) {
            boolean due = age.compareTo(Duration.ofDays(30)) >= 0;
            User u = users.insert(TestUsers.user(NOW.minus(age))).orElseThrow();
            ledger.append(LedgerAppend.of(u.id(), 100, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("seed"), NOW));

            ModelCallReceipt receipt = metering.record(call(u.id(), CallStatus.SUCCESS, 20, 0));

            assertThat(receipt.balance()).as("age %s", age).isEqualTo(due ? 100 + MONTHLY - 20 : 80);
            assertThat(ledger.entries(u.id())).extracting(LedgerEntry::reason).as("age %s", age).containsExactlyElementsOf(
                    due ? List.of(LedgerReason.ADMIN_ADJUSTMENT, LedgerReason.MONTHLY_ALLOWANCE, LedgerReason.USAGE)
                            : List.of(LedgerReason.ADMIN_ADJUSTMENT, LedgerReason.USAGE));
            assertThat(calls.calls(u.id())).hasSize(1);
        }
    }

    @Test
    void a_paid_user_gets_no_free_allowance_however_old_the_anchor() {
        User u = users.insert(new User(UUID.randomUUID(), "paid@example.com", null, null, null, "pro", 0,
                Role.USER, null, null, null, null, null, NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(400)))).orElseThrow();
        ledger.append(LedgerAppend.of(u.id(), 30, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("seed"), NOW));

        assertThat(metering.record(call(u.id(), CallStatus.SUCCESS, 20, 0)).balance()).isEqualTo(10);
        assertThatThrownBy(() -> metering.record(call(u.id(), CallStatus.SUCCESS, 20, 0)))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(ledger.entries(u.id())).extracting(LedgerEntry::reason)
                .containsExactly(LedgerReason.ADMIN_ADJUSTMENT, LedgerReason.USAGE);
    }

    @Test
    void a_hold_reserves_its_amount_and_a_capture_below_it_gives_the_rest_back() {
        User u = userWith(100);
        HoldCreated hold = metering.create(new CreateHoldCommand(u.id(), 60, HoldTtl.DEFAULT, "job",
                HoldExpiryPolicy.RELEASE));
        assertThat(hold.balance()).isEqualTo(40);
        assertThat(metering.pendingCredit(u.id())).isEqualTo(60);

        HoldCaptured captured = metering.capture(hold.holdId(), 25);

        assertThat(captured.captured()).isEqualTo(25);
        assertThat(captured.released()).isEqualTo(35);
        assertThat(captured.balance()).isEqualTo(75);
        assertThat(balance(u)).isEqualTo(75);
        assertThat(metering.pendingCredit(u.id())).isZero();
        assertThatThrownBy(() -> metering.release(hold.holdId()))
                .isInstanceOf(dev.creditline.domain.DomainException.class);
        assertThat(balance(u)).isEqualTo(75);
    }

    @Test
    void a_model_call_through_a_hold_is_charged_from_the_hold() {
        User u = userWith(100);
        HoldCreated hold = metering.create(new CreateHoldCommand(u.id(), 60, HoldTtl.DEFAULT, null,
                HoldExpiryPolicy.RELEASE));

        ModelCallReceipt receipt = metering.record(call(u.id(), CallStatus.SUCCESS, 10, 5).withHold(hold.holdId()));

        assertThat(receipt.credits()).isEqualTo(20);
        assertThat(receipt.balance()).isEqualTo(80);
        assertThat(receipt.capture()).hasValueSatisfying(c -> assertThat(c.released()).isEqualTo(40));
        assertThat(calls.calls(u.id())).singleElement().extracting(ModelCall::holdId).isEqualTo(hold.holdId());
    }

    @Test
    void a_hold_of_another_user_is_not_found_and_nothing_is_written() {
        User owner = userWith(100);
        User other = userWith(100);
        HoldCreated hold = metering.create(new CreateHoldCommand(owner.id(), 10, HoldTtl.DEFAULT, null,
                HoldExpiryPolicy.RELEASE));

        assertThatThrownBy(() -> metering.record(call(other.id(), CallStatus.SUCCESS, 1, 0).withHold(hold.holdId())))
                .isInstanceOf(HoldNotFoundException.class);
        assertThat(calls.calls(other.id())).isEmpty();
        assertThat(balance(other)).isEqualTo(100);
    }

    @Test
    void the_sweeper_settles_expired_holds_by_their_policy_once() {
        User u = userWith(100);
        metering.create(new CreateHoldCommand(u.id(), 30, new HoldTtl(60), null, HoldExpiryPolicy.RELEASE));
        metering.create(new CreateHoldCommand(u.id(), 20, new HoldTtl(60), null, HoldExpiryPolicy.CAPTURE));
        metering.create(new CreateHoldCommand(u.id(), 10, new HoldTtl(600), null, HoldExpiryPolicy.RELEASE));
        assertThat(balance(u)).isEqualTo(40);

        clock.advance(Duration.ofSeconds(60));

        assertThat(metering.sweepExpiredHolds(10)).isEqualTo(2);
        assertThat(metering.sweepExpiredHolds(10)).isZero();
        assertThat(balance(u)).isEqualTo(70);
        assertThat(metering.pendingCredit(u.id())).isEqualTo(10);
    }

    @Test
    void a_hold_the_balance_does_not_cover_is_refused_and_nothing_is_reserved() {
        User u = userWith(10);

        assertThatThrownBy(() -> metering.create(new CreateHoldCommand(u.id(), 11, HoldTtl.DEFAULT, null,
                HoldExpiryPolicy.RELEASE))).isInstanceOf(InsufficientCreditsException.class);
        assertThat(balance(u)).isEqualTo(10);
        assertThat(metering.pendingCredit(u.id())).isZero();
    }
}
