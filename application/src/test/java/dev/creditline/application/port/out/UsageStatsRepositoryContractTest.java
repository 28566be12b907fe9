package dev.creditline.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.out.analytics.StatRow;
import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.application.port.out.analytics.UsageStatsRepository.CachedRead;
import dev.creditline.application.testing.TestCalls;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.analytics.StatsPiece;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageStatsRepository} (with the {@link ModelCallRepository} that feeds it)
 * does: rows are the calls of a piece grouped by (provider or "", model, type) with their sums;
 * a fill stores every piece, also one without calls; a new call forgets the cached periods it
 * falls in and no others; counts and deletes go by periods overlapping the range.
 */
public abstract class UsageStatsRepositoryContractTest {

    /** The implementations under test. */
    protected abstract Ports ports();

    private TransactionPort tx() {
        return ports().tx();
    }

    private UserRepository users() {
        return ports().users();
    }

    private ModelCallRepository calls() {
        return ports().calls();
    }

    private UsageStatsRepository stats() {
        return ports().stats();
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private static StatsPiece hour(Instant start) {
        return new StatsPiece(start, start.plus(HOUR), StatsPiece.Kind.HOUR);
    }

    @Test
    void rows_group_the_calls_of_each_piece_by_provider_model_and_type() {
        User u = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        calls().insert(TestCalls.chat(u.id(), "openai", "gpt", CallStatus.SUCCESS, 10, 5, 3, h));
        calls().insert(TestCalls.chat(u.id(), "openai", "gpt", CallStatus.FAILED, 7, 0, 0, h.plusSeconds(59 * 60)));
        calls().insert(TestCalls.chat(u.id(), null, "gpt", CallStatus.SUCCESS, 1, 1, 1, h.plusSeconds(60)));
        calls().insert(TestCalls.chat(u.id(), "openai", "gpt", CallStatus.SUCCESS, 100, 100, 100, h.plus(HOUR)));

        List<StatRow> rows = stats().compute(Optional.of(u.id()), List.of(hour(h)));

        assertThat(rows).containsExactlyInAnyOrder(
                new StatRow(h, "openai", "gpt", "chatCompletion", 2, 1, 22, 17, 5, 3, 20),
                new StatRow(h, "", "gpt", "chatCompletion", 1, 1, 2, 1, 1, 1, 10));
    }

    @Test
    void a_live_piece_counts_the_calls_from_its_start_to_before_its_end() {
        User u = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        StatsPiece live = new StatsPiece(h.plusSeconds(600), h.plusSeconds(1200), StatsPiece.Kind.LIVE);
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h.plusSeconds(599)));
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 2, 0, 2, h.plusSeconds(600)));
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 4, 0, 4, h.plusSeconds(1200)));

        assertThat(stats().compute(Optional.of(u.id()), List.of(live)))
                .containsExactly(new StatRow(live.start(), "p", "m", "chatCompletion", 1, 1, 2, 2, 0, 2, 10));
    }

    @Test
    void all_users_together_sum_every_users_calls() {
        User a = TestUsers.stored(users());
        User b = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        calls().insert(TestCalls.chat(a.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h));
        calls().insert(TestCalls.chat(b.id(), "p", "m", CallStatus.SUCCESS, 2, 0, 2, h.plusSeconds(1)));

        assertThat(stats().compute(Optional.empty(), List.of(hour(h))))
                .containsExactly(new StatRow(h, "p", "m", "chatCompletion", 2, 2, 3, 3, 0, 3, 20));
    }

    @Test
    void a_fill_stores_every_piece_and_a_read_finds_only_filled_pieces() {
        User u = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h));
        StatsPiece busy = hour(h);
        StatsPiece quiet = hour(h.plus(HOUR));
        StatsPiece notFilled = hour(h.plus(HOUR.multipliedBy(2)));

        List<StatRow> filled = tx().inTransaction(() -> stats().fill(u.id(), List.of(busy, quiet)));
        CachedRead read = stats().readCached(u.id(), List.of(busy, quiet, notFilled));

        assertThat(filled).containsExactly(new StatRow(h, "p", "m", "chatCompletion", 1, 1, 1, 1, 0, 1, 10));
        assertThat(read.present()).containsExactlyInAnyOrder(busy, quiet);
        assertThat(read.rows()).isEqualTo(filled);
        assertThat(stats().countRows(u.id(), h, h.plus(HOUR.multipliedBy(3)), false)).isEqualTo(1);
    }

    @Test
    void a_new_call_forgets_the_cached_hour_and_day_it_falls_in_and_no_others() {
        User u = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        Instant dayStart = h.minus(HOUR.multipliedBy(5));
        StatsPiece day = new StatsPiece(dayStart, dayStart.plus(Duration.ofDays(1)), StatsPiece.Kind.DAY);
        StatsPiece hit = hour(h);
        StatsPiece before = hour(h.minus(HOUR.multipliedBy(30)));
        tx().inTransaction(() -> stats().fill(u.id(), List.of(hit, before, day)));

        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h.plusSeconds(1800)));

        assertThat(stats().readCached(u.id(), List.of(hit, before, day)).present()).containsExactly(before);
        List<StatRow> refilled = tx().inTransaction(() -> stats().fill(u.id(), List.of(hit)));
        assertThat(refilled).extracting(StatRow::calls).containsExactly(1L);
    }

    @Test
    void delete_removes_the_periods_overlapping_the_range_and_counts_their_rows() {
        User u = TestUsers.stored(users());
        Instant h = TestCalls.freshHour();
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h));
        calls().insert(TestCalls.chat(u.id(), "p", "other", CallStatus.SUCCESS, 1, 0, 1, h));
        calls().insert(TestCalls.chat(u.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1, h.plus(HOUR)));
        tx().inTransaction(() -> stats().fill(u.id(), List.of(hour(h), hour(h.plus(HOUR)))));

        assertThat(stats().countRows(u.id(), h.plusSeconds(1), h.plus(HOUR), false)).isEqualTo(2);
        assertThat(stats().countRows(u.id(), h, h.plus(HOUR.multipliedBy(2)), true)).isZero();
        assertThat(stats().delete(u.id(), h.plusSeconds(1), h.plus(HOUR), false)).isEqualTo(2);
        assertThat(stats().readCached(u.id(), List.of(hour(h), hour(h.plus(HOUR)))).present())
                .containsExactly(hour(h.plus(HOUR)));
    }

    @Test
    void a_call_needs_its_user() {
        User gone = TestUsers.stored(users());
        users().delete(gone.id());

        assertThatThrownBy(() -> calls().insert(TestCalls.chat(gone.id(), "p", "m", CallStatus.SUCCESS, 1, 0, 1,
                TestCalls.freshHour()))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_fill_for_an_unknown_user_is_refused() {
        UUID nobody = UUID.randomUUID();

        assertThatThrownBy(() -> tx().inTransaction(() -> stats().fill(nobody, List.of(hour(TestCalls.freshHour())))))
                .isInstanceOf(UserNotFoundException.class);
    }
}
