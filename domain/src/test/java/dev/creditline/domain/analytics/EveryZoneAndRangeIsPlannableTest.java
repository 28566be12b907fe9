package dev.creditline.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No IANA zone and no range may break the analytics time functions (a 500 over HTTP): every
 * zone of {@link ZoneId#getAvailableZoneIds()}, random ranges, ranges around each DST or offset
 * transition, and days that a zone skipped (Pacific/Apia had no 2011-12-30).
 */
class EveryZoneAndRangeIsPlannableTest {

    private static final Instant MIN = Instant.EPOCH;
    private static final Instant MAX = Instant.parse("2100-01-01T00:00:00Z");
    private static final long MAX_RANGE_SECONDS = Duration.ofDays(400).toSeconds();

    private static void assertPlannable(Instant from, Instant to, ZoneId zone, Instant now) {
        String ctx = zone + " " + from + ".." + to + " now " + now;
        List<DayBucket> days = DayBuckets.of(from, to, zone);
        if (!from.equals(to)) {
            assertThat(days).as(ctx).isNotEmpty();
            assertThat(days.get(0).contains(from)).as(ctx).isTrue();
            assertThat(days.get(days.size() - 1).contains(to.minusNanos(1))).as(ctx).isTrue();
        }
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i).start()).as(ctx).isEqualTo(days.get(i - 1).end());
            assertThat(days.get(i).date()).as(ctx).isAfter(days.get(i - 1).date());
        }
        for (boolean useDays : new boolean[]{true, false}) {
            List<StatsPiece> pieces = StatsPlan.of(from, to, zone, now, useDays);
            if (from.equals(to)) {
                assertThat(pieces).as(ctx).isEmpty();
                continue;
            }
            assertThat(pieces.get(0).start()).as(ctx).isEqualTo(from);
            assertThat(pieces.get(pieces.size() - 1).end()).as(ctx).isEqualTo(to);
            int day = 0;
            for (int i = 0; i < pieces.size(); i++) {
                StatsPiece p = pieces.get(i);
                if (i > 0 && !p.start().equals(pieces.get(i - 1).end())) {
                    assertThat(p.start()).as(ctx + " gap before " + p).isEqualTo(pieces.get(i - 1).end());
                }
                // every piece lies in one day bucket (local dates are not monotonic in every zone)
                while (day < days.size() && !days.get(day).contains(p.start())) {
                    day++;
                }
                if (day == days.size() || p.end().isAfter(days.get(day).end())) {
                    assertThat(days).as(ctx + " piece in no day bucket: " + p).isEmpty();
                }
                if (p.kind() == StatsPiece.Kind.DAY) {
                    // the cache table's CHECK: a day roll-up lasts more than 1 h and at most 26 h
                    Duration length = Duration.between(p.start(), p.end());
                    assertThat(length).as(ctx + " piece " + p).isGreaterThan(Duration.ofHours(1))
                            .isLessThanOrEqualTo(Duration.ofHours(26));
                }
            }
        }
    }

    private static Instant random(Random r, Instant lo, Instant hi) {
        return Instant.ofEpochSecond(lo.getEpochSecond()
                + (long) (r.nextDouble() * (hi.getEpochSecond() - lo.getEpochSecond())));
    }

    @Test
    void a_day_that_the_zone_skipped_is_no_bucket_and_breaks_nothing() {
        ZoneId apia = ZoneId.of("Pacific/Apia");
        Instant from = Instant.ofEpochSecond(1325160000L);
        Instant to = Instant.ofEpochSecond(1325400001L);
        List<DayBucket> days = DayBuckets.of(from, to, apia);
        assertThat(days).extracting(DayBucket::date).doesNotContain(LocalDate.parse("2011-12-30"))
                .contains(LocalDate.parse("2011-12-29"), LocalDate.parse("2011-12-31"));
        assertPlannable(from, to, apia, Instant.parse("2026-01-01T00:00:00Z"));
        assertPlannable(from, to, apia, Instant.parse("2011-12-31T03:17:00Z"));
    }

    @Test
    void every_iana_zone_plans_random_ranges_and_ranges_around_its_transitions() {
        Random r = new Random(20111230L);
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            List<Instant[]> ranges = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Instant a = random(r, MIN, MAX);
                long len = i == 0 ? MAX_RANGE_SECONDS : (long) (r.nextDouble() * (i % 2 == 0 ? 86_400 * 40 : 7_200));
                ranges.add(new Instant[]{a, a.plusSeconds(len)});
            }
            ZoneRules rules = zone.getRules();
            ZoneOffsetTransition t = rules.nextTransition(MIN);
            while (t != null && t.getInstant().isBefore(MAX)) {
                Instant at = t.getInstant();
                boolean large = Math.abs(t.getOffsetAfter().getTotalSeconds()
                        - t.getOffsetBefore().getTotalSeconds()) > 3_600;
                if (!large && r.nextInt(8) != 0) {
                    // a sample of the ordinary DST changes, every unusual one
                    t = rules.nextTransition(at);
                    continue;
                }
                long before = r.nextInt(3 * 86_400);
                long after = 1 + r.nextInt(3 * 86_400);
                ranges.add(new Instant[]{at.minusSeconds(before), at.plusSeconds(after)});
                ranges.add(new Instant[]{at, at.plusSeconds(after)});
                ranges.add(new Instant[]{at.minusSeconds(before + 1), at});
                t = rules.nextTransition(at);
            }
            for (Instant[] range : ranges) {
                Instant from = range[0].isBefore(MIN) ? MIN : range[0];
                // "now" anywhere: before, inside or after the range
                Instant now = random(r, from.minusSeconds(86_400), range[1].plusSeconds(86_400));
                assertPlannable(from, range[1], zone, now);
            }
            ComparisonPeriod.week(random(r, MIN, MAX), zone);
            ComparisonPeriod.month(random(r, MIN, MAX), zone);
        }
    }

    @Test
    void comparisons_in_a_week_or_month_with_a_skipped_day_are_well_formed() {
        ZoneId apia = ZoneId.of("Pacific/Apia");
        for (Instant now = Instant.parse("2011-12-20T00:00:00Z"); now.isBefore(Instant.parse("2012-01-10T00:00:00Z"));
                now = now.plusSeconds(3_600)) {
            for (ComparisonPeriod p : List.of(ComparisonPeriod.week(now, apia), ComparisonPeriod.month(now, apia))) {
                assertThat(p.start()).isBeforeOrEqualTo(p.end());
                assertThat(p.previousStart()).isBeforeOrEqualTo(p.previousEnd());
                assertThat(p.previousEnd()).isBeforeOrEqualTo(p.start());
                assertPlannable(p.start(), p.end(), apia, now);
                assertPlannable(p.previousStart(), p.previousEnd(), apia, now);
            }
        }
    }
}
