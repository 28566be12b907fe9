package dev.creditline.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.analytics.HalfHourNetting.Term;
import dev.creditline.domain.analytics.StatsPiece.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's live read never scans more than half an hour: larger partial past hours are netted. */
class HalfHourNettingTest {

    private static final Instant H = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NOW_HOUR = Instant.parse("2026-03-01T15:00:00Z");

    private static Instant at(String hhmm) {
        return Instant.parse("2026-03-01T" + hhmm + ":00Z");
    }

    private static StatsPiece live(String from, String to) {
        return new StatsPiece(at(from), at(to), Kind.LIVE);
    }

    @Test
    void a_live_piece_over_half_of_a_past_hour_from_its_start_is_the_hour_minus_the_rest() {
        StatsPiece p = live("10:00", "10:40");

        assertThat(HalfHourNetting.terms(List.of(p), NOW_HOUR)).containsExactly(
                new Term(new StatsPiece(H, at("11:00"), Kind.HOUR), 1, p.start()),
                new Term(live("10:40", "11:00"), -1, p.start()));
    }

    @Test
    void a_live_piece_over_half_of_a_past_hour_up_to_its_end_is_the_hour_minus_the_rest() {
        StatsPiece p = live("10:05", "11:00");

        assertThat(HalfHourNetting.terms(List.of(p), NOW_HOUR)).containsExactly(
                new Term(new StatsPiece(H, at("11:00"), Kind.HOUR), 1, p.start()),
                new Term(live("10:00", "10:05"), -1, p.start()));
    }

    @Test
    void half_an_hour_or_less_is_read_as_itself() {
        StatsPiece half = live("10:00", "10:30");
        StatsPiece less = live("12:45", "13:00");

        assertThat(HalfHourNetting.terms(List.of(half, less), NOW_HOUR))
                .containsExactly(new Term(half, 1, half.start()), new Term(less, 1, less.start()));
    }

    @Test
    void the_current_hour_and_pieces_inside_an_hour_are_read_as_themselves() {
        StatsPiece current = live("15:00", "15:50");
        StatsPiece inside = live("11:05", "11:55");

        assertThat(HalfHourNetting.terms(List.of(current, inside), NOW_HOUR))
                .containsExactly(new Term(current, 1, current.start()), new Term(inside, 1, inside.start()));
    }

    @Test
    void the_rest_may_equal_another_planned_piece_but_not_overlap_one_partly() {
        StatsPiece p = live("10:00", "10:40");
        StatsPiece equalRest = live("10:40", "11:00");
        StatsPiece partly = live("10:50", "11:00");

        assertThat(HalfHourNetting.terms(List.of(p, equalRest), NOW_HOUR)).containsExactly(
                new Term(new StatsPiece(H, at("11:00"), Kind.HOUR), 1, p.start()),
                new Term(equalRest, -1, p.start()),
                new Term(equalRest, 1, equalRest.start()));
        assertThat(HalfHourNetting.terms(List.of(p, partly), NOW_HOUR))
                .containsExactly(new Term(p, 1, p.start()), new Term(partly, 1, partly.start()));
    }

    @Test
    void cached_pieces_are_read_as_themselves() {
        StatsPiece hour = new StatsPiece(H, at("11:00"), Kind.HOUR);

        assertThat(HalfHourNetting.terms(List.of(hour), NOW_HOUR)).containsExactly(new Term(hour, 1, H));
    }

    @Test
    void netted_counts_add_the_hour_and_subtract_the_rest() {
        UsageCounts hour = new UsageCounts(10, 9, 1_000, 600, 400, 50, 7_000);
        UsageCounts rest = new UsageCounts(3, 3, 300, 200, 100, 15, 2_000);

        UsageCounts piece = UsageCounts.ZERO.plus(1, hour).plus(-1, rest);

        assertThat(piece).isEqualTo(new UsageCounts(7, 6, 700, 400, 300, 35, 5_000));
        assertThat(piece.noCalls()).isFalse();
        assertThat(hour.plus(-1, hour).noCalls()).isTrue();
        assertThatThrownBy(() -> new Term(new StatsPiece(H, at("11:00"), Kind.HOUR), 2, H))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
