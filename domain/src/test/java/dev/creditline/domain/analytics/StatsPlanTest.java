package dev.creditline.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.domain.analytics.StatsPiece.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsPlanTest {

    private static final Instant NOW = Instant.parse("2026-04-20T10:17:00Z");

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static void assertCoversExactly(List<StatsPiece> pieces, Instant from, Instant to, ZoneId zone) {
        assertThat(pieces).isNotEmpty();
        assertThat(pieces.get(0).start()).isEqualTo(from);
        assertThat(pieces.get(pieces.size() - 1).end()).isEqualTo(to);
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isEqualTo(pieces.get(i - 1).end());
        }
        for (StatsPiece p : pieces) {
            LocalDate d = LocalDate.ofInstant(p.start(), zone);
            assertThat(LocalDate.ofInstant(p.end().minusNanos(1), zone)).as("piece crosses midnight: %s", p).isEqualTo(d);
            if (p.cached()) {
                assertThat(p.end()).isBeforeOrEqualTo(HourRange.floorHour(NOW));
            }
        }
    }

    @Test
    void whole_past_days_become_day_pieces_and_edges_are_hours_or_live() {
        Instant from = t("2026-04-01T05:30:00Z");
        Instant to = t("2026-04-05T00:00:00Z");
        List<StatsPiece> p = StatsPlan.of(from, to, ZoneId.of("UTC"), NOW, true);
        assertCoversExactly(p, from, to, ZoneId.of("UTC"));
        assertThat(p.get(0)).isEqualTo(new StatsPiece(from, t("2026-04-01T06:00:00Z"), Kind.LIVE));
        assertThat(p.stream().filter(x -> x.kind() == Kind.HOUR)).hasSize(18);
        assertThat(p.stream().filter(x -> x.kind() == Kind.DAY)).hasSize(3);
    }

    @Test
    void current_hour_and_later_are_live_never_cached() {
        Instant from = t("2026-04-20T08:00:00Z");
        Instant to = t("2026-04-20T12:00:00Z");
        List<StatsPiece> p = StatsPlan.of(from, to, ZoneId.of("UTC"), NOW, true);
        assertThat(p).containsExactly(
                new StatsPiece(t("2026-04-20T08:00:00Z"), t("2026-04-20T09:00:00Z"), Kind.HOUR),
                new StatsPiece(t("2026-04-20T09:00:00Z"), t("2026-04-20T10:00:00Z"), Kind.HOUR),
                new StatsPiece(t("2026-04-20T10:00:00Z"), t("2026-04-20T12:00:00Z"), Kind.LIVE));
    }

    @Test
    void berlin_spring_forward_day_is_one_23_hour_day_piece() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant from = t("2026-03-28T23:00:00Z"); // 2026-03-29 00:00 CET
        Instant to = t("2026-03-29T22:00:00Z");   // 2026-03-30 00:00 CEST
        List<StatsPiece> p = StatsPlan.of(from, to, berlin, NOW, true);
        assertThat(p).containsExactly(new StatsPiece(from, to, Kind.DAY));
        assertThat(Duration.between(p.get(0).start(), p.get(0).end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void los_angeles_fall_back_day_is_one_25_hour_day_piece() {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        Instant from = t("2026-11-01T07:00:00Z");
        Instant to = t("2026-11-02T08:00:00Z");
        List<StatsPiece> p = StatsPlan.of(from, to, la, t("2026-12-01T00:00:00Z"), true);
        assertThat(p).containsExactly(new StatsPiece(from, to, Kind.DAY));
    }

    @Test
    void half_hour_zone_splits_the_hour_cut_by_local_midnight_into_live_pieces() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant from = t("2026-04-01T00:00:00Z");
        Instant to = t("2026-04-04T00:00:00Z");
        List<StatsPiece> p = StatsPlan.of(from, to, kolkata, NOW, true);
        assertCoversExactly(p, from, to, kolkata);
        assertThat(p).noneMatch(x -> x.kind() == Kind.DAY);
        assertThat(p).contains(new StatsPiece(t("2026-04-01T18:00:00Z"), t("2026-04-01T18:30:00Z"), Kind.LIVE),
                new StatsPiece(t("2026-04-01T18:30:00Z"), t("2026-04-01T19:00:00Z"), Kind.LIVE));
    }

    @Test
    void without_day_rollups_only_hours_and_live_pieces_are_planned() {
        Instant from = t("2026-04-01T00:00:00Z");
        Instant to = t("2026-04-03T00:00:00Z");
        List<StatsPiece> p = StatsPlan.of(from, to, ZoneId.of("UTC"), NOW, false);
        assertThat(p).hasSize(48).allMatch(x -> x.kind() == Kind.HOUR);
    }

    @Test
    void random_ranges_in_many_zones_are_covered_exactly_without_crossing_midnight() {
        Random r = new Random(7);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles"), ZoneId.of("Europe/Berlin"),
                ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"));
        Instant base = t("2026-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            Instant from = base.plusSeconds(r.nextInt(120 * 86400));
            Instant to = from.plusSeconds(1 + r.nextInt(40 * 86400));
            ZoneId zone = zones.get(r.nextInt(zones.size()));
            assertCoversExactly(StatsPlan.of(from, to, zone, NOW, r.nextBoolean()), from, to, zone);
        }
    }
}
