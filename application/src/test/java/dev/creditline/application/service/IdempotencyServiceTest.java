package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.IdempotentRequestUseCase.Result;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.testing.InMemoryDatabase;
import dev.creditline.application.testing.InMemoryIdempotencyKeyRepository;
import dev.creditline.application.testing.InMemoryLedgerRepository;
import dev.creditline.application.testing.InMemoryUserRepository;
import dev.creditline.application.testing.MutableClock;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotencyKeyReusedException;
import dev.creditline.domain.metering.IdempotentOutcome;
import dev.creditline.domain.metering.IdempotentOutcome.Kind;
import dev.creditline.domain.user.User;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link IdempotencyService} over the in-memory key store: once per key, the same answer to every retry. */
class IdempotencyServiceTest {

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryIdempotencyKeyRepository keys = new InMemoryIdempotencyKeyRepository(db);
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryLedgerRepository ledger = new InMemoryLedgerRepository(db);
    private final MutableClock clock = new MutableClock(TestUsers.T0);
    private final IdempotencyService service = new IdempotencyService(db, keys, clock, Duration.ofHours(24));
    private final AtomicInteger runs = new AtomicInteger();

    private static final Function<DomainException, Optional<IdempotentOutcome>> STORE_402 =
            e -> e instanceof InsufficientCreditsException ? Optional.of(new IdempotentOutcome(Kind.REFUSED_INSUFFICIENT_FUNDS, "{\"refused\":true}"))
                    : Optional.empty();

    private static final String HASH = "a".repeat(64);
    private static final String OTHER_HASH = "b".repeat(64);

    private static IdempotencyKey key(String hash) {
        return new IdempotencyKey("model-calls", "key-1", hash);
    }

    private IdempotentOutcome created() {
        return new IdempotentOutcome(Kind.CREATED, "{\"run\":" + runs.incrementAndGet() + "}");
    }

    @Test
    void without_a_key_the_effect_just_runs_each_time_and_nothing_is_stored() {
        service.execute(null, this::created, STORE_402);
        Result second = service.execute(null, this::created, STORE_402);

        assertThat(second).isEqualTo(new Result(new IdempotentOutcome(Kind.CREATED, "{\"run\":2}"), false));
        assertThat(db.transactions()).isZero();
    }

    @Test
    void a_retry_with_the_same_key_and_request_gets_the_first_answer_without_running_the_effect() {
        Result first = service.execute(key(HASH), this::created, STORE_402);
        Result retry = service.execute(key(HASH), this::created, STORE_402);

        assertThat(first).isEqualTo(new Result(new IdempotentOutcome(Kind.CREATED, "{\"run\":1}"), false));
        assertThat(retry).isEqualTo(new Result(new IdempotentOutcome(Kind.CREATED, "{\"run\":1}"), true));
        assertThat(runs).hasValue(1);
    }

    @Test
    void the_same_key_for_another_request_is_refused_without_running_the_effect() {
        service.execute(key(HASH), this::created, STORE_402);

        assertThatThrownBy(() -> service.execute(key(OTHER_HASH), this::created, STORE_402))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_refused_request_rolls_its_writes_back_and_stores_the_refusal_for_its_retries() {
        User u = TestUsers.stored(users);

        Result refused = service.execute(key(HASH), () -> {
            ledger.append(LedgerAppend.of(u.id(), 5, LedgerReason.ADMIN_ADJUSTMENT, LedgerRef.manual("written"),
                    TestUsers.T0));
            throw new InsufficientCreditsException(10, 5);
        }, STORE_402);
        Result retry = service.execute(key(HASH), this::created, STORE_402);

        assertThat(refused).isEqualTo(new Result(new IdempotentOutcome(Kind.REFUSED_INSUFFICIENT_FUNDS, "{\"refused\":true}"), false));
        assertThat(retry).isEqualTo(new Result(new IdempotentOutcome(Kind.REFUSED_INSUFFICIENT_FUNDS, "{\"refused\":true}"), true));
        assertThat(ledger.entries(u.id())).isEmpty();
        assertThat(runs).hasValue(0);
    }

    @Test
    void a_refusal_not_to_store_and_any_other_failure_free_the_key_for_a_retry() {
        assertThatThrownBy(() -> service.execute(key(HASH), () -> {
            throw new dev.creditline.domain.user.UserNotFoundException();
        }, STORE_402)).isInstanceOf(dev.creditline.domain.user.UserNotFoundException.class);
        assertThatThrownBy(() -> service.execute(key(HASH), () -> {
            throw new IllegalStateException("database down");
        }, STORE_402)).hasMessage("database down");

        assertThat(service.execute(key(HASH), this::created, STORE_402).replayed()).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void an_effect_that_appends_commits_its_entry_and_its_key_together() {
        User u = TestUsers.stored(users);

        service.execute(key(HASH), () -> {
            AppendResult r = ledger.append(LedgerAppend.of(u.id(), 5, LedgerReason.ADMIN_ADJUSTMENT,
                    LedgerRef.manual("x"), TestUsers.T0));
            return new IdempotentOutcome(Kind.CREATED, r.getClass().getSimpleName());
        }, STORE_402);

        assertThat(ledger.entries(u.id())).hasSize(1);
        assertThat(keys.find("model-calls", "key-1").orElseThrow().outcome())
                .contains(new IdempotentOutcome(Kind.CREATED, "Appended"));
    }

    @Test
    void the_purge_deletes_only_keys_older_than_the_retention() {
        service.execute(new IdempotencyKey("model-calls", "old", HASH), this::created, STORE_402);
        clock.advance(Duration.ofHours(23));
        service.execute(new IdempotencyKey("model-calls", "young", HASH), this::created, STORE_402);
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(service.purge(100)).isEqualTo(1);
        assertThat(keys.find("model-calls", "old")).isEmpty();
        assertThat(keys.find("model-calls", "young")).isPresent();
    }

    @Test
    void keys_are_kept_at_least_a_day() {
        assertThatThrownBy(() -> new IdempotencyService(db, keys, clock, Duration.ofHours(23)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
