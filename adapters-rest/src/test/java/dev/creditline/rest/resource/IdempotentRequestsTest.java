package dev.creditline.rest.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import dev.creditline.domain.metering.IdempotentOutcome.Kind;
import dev.creditline.rest.problem.DomainExceptionMapper;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The status line of a stored outcome is this adapter's: a replay answers the same status, media
 * type and body as the first answer, plus {@code Idempotent-Replayed: true}.
 */
class IdempotentRequestsTest {

    /** Stores the first outcome per key and replays it (the service's transactions are not the point here). */
    private static final class FirstOutcomePerKey implements IdempotentRequestUseCase {
        private final Map<String, IdempotentOutcome> stored = new HashMap<>();

        @Override
        public Result execute(IdempotencyKey key, Supplier<IdempotentOutcome> effect,
                              Function<DomainException, Optional<IdempotentOutcome>> failure) {
            if (key != null && stored.containsKey(key.key())) {
                return new Result(stored.get(key.key()), true);
            }
            IdempotentOutcome outcome;
            try {
                outcome = effect.get();
            } catch (DomainException e) {
                outcome = failure.apply(e).orElseThrow(() -> e);
            }
            if (key != null) {
                stored.put(key.key(), outcome);
            }
            return new Result(outcome, false);
        }
    }

    private final FirstOutcomePerKey useCase = new FirstOutcomePerKey();
    private final IdempotentRequests requests = new IdempotentRequests(useCase);

    record Answer(long id) {
    }

    private Response run(String key, int status, Supplier<?> effect) {
        return requests.run(key, "test", "POST /test", null, status, effect);
    }

    @Test
    void a_replay_answers_the_first_status_media_type_and_body_and_says_it_is_a_replay() {
        Response first = run("k-1", 201, () -> new Answer(1));
        Response replay = run("k-1", 201, () -> new Answer(2));

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(first.getEntity()).isEqualTo("{\"id\":1}");
        assertThat(first.getHeaderString(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(replay.getStatus()).isEqualTo(201);
        assertThat(replay.getMediaType()).isEqualTo(first.getMediaType());
        assertThat(replay.getEntity()).isEqualTo(first.getEntity());
        assertThat(replay.getHeaderString(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(useCase.stored.get("k-1")).isEqualTo(new IdempotentOutcome(Kind.CREATED, "{\"id\":1}"));
        assertThat(run("k-2", 200, () -> new Answer(3)).getStatus()).isEqualTo(200);
        assertThat(useCase.stored.get("k-2").kind()).isEqualTo(Kind.APPLIED);
    }

    @Test
    void a_refusal_is_replayed_with_its_problem_status_and_media_type() {
        Response first = run("k-1", 201, () -> {
            throw new InsufficientCreditsException(10, 3);
        });
        Response replay = run("k-1", 201, () -> new Answer(1));

        assertThat(first.getStatus()).isEqualTo(402);
        assertThat(first.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(useCase.stored.get("k-1").kind()).isEqualTo(Kind.REFUSED_INSUFFICIENT_FUNDS);
        assertThat(replay.getStatus()).isEqualTo(402);
        assertThat(replay.getMediaType()).isEqualTo(first.getMediaType());
        assertThat(replay.getEntity()).isEqualTo(first.getEntity());
        assertThat(replay.getHeaderString(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void every_status_a_domain_error_is_answered_with_has_a_kind_that_answers_it_again() {
        for (int status : DomainExceptionMapper.statuses()) {
            assertThat(IdempotentRequests.statusOf(IdempotentRequests.kindOf(status))).as("%d", status)
                    .isEqualTo(status);
        }
        for (Kind kind : Kind.values()) {
            assertThat(IdempotentRequests.kindOf(IdempotentRequests.statusOf(kind))).isEqualTo(kind);
        }
        assertThatThrownBy(() -> IdempotentRequests.kindOf(500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_malformed_key_is_refused_naming_the_header_and_nothing_runs() {
        for (String bad : new String[] {"", "x".repeat(256), "has space", "é"}) {
            assertThatThrownBy(() -> run(bad, 201, () -> {
                throw new AssertionError("the effect ran");
            })).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        }
        assertThat(useCase.stored).isEmpty();
    }
}
