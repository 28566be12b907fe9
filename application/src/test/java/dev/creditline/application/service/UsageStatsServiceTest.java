package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase.RecalculateResult;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.DailyStat;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.ModelStat;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.Totals;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.TypeTotals;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.UsageReport;
import dev.creditline.application.testing.InMemoryDatabase;
import dev.creditline.application.testing.InMemoryModelCallRepository;
import dev.creditline.application.testing.InMemoryUsageStatsRepository;
import dev.creditline.application.testing.InMemoryUserRepository;
import dev.creditline.application.testing.MutableClock;
import dev.creditline.application.testing.TestCalls;
import dev.creditline.application.testing.TestUsers;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link UsageStatsService} over the in-memory stats cache: the report's summary, local days,
 * top models and trend come from the same rows, whether read from the cache, filled or live.
 */
class UsageStatsServiceTest {

    /** Now: 14:40 UTC on 2026-03-10 (15:40 in Berlin). */
    private static final Instant NOW = Instant.parse("2026-03-10T14:40:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryModelCallRepository calls = new InMemoryModelCallRepository(db);
    private final InMemoryUsageStatsRepository stats = new InMemoryUsageStatsRepository(db);
    private final MutableClock clock = new MutableClock(NOW);
    private final UsageStatsService service = new UsageStatsService(db, users, stats, clock);
    private final User user = TestUsers.stored(users);

    private void call(String model, CallStatus status, long in, long credits, String at) {
        calls.insert(TestCalls.chat(user.id(), "p", model, status, in, 0, credits, Instant.parse(at)));
    }

    @Test
    void a_report_counts_each_call_once_in_its_local_day_and_in_the_totals() {
        // Berlin is UTC+1 in March before the 29th: 23:30 UTC on the 7th is the 8th locally.
        call("a", CallStatus.SUCCESS, 10, 1, "2026-03-07T10:00:00Z");
        call("a", CallStatus.FAILED, 20, 0, "2026-03-07T23:30:00Z");
        call("b", CallStatus.SUCCESS, 30, 3, "2026-03-09T12:00:00Z");
        call("b", CallStatus.SUCCESS, 40, 4, "2026-03-10T14:10:00Z"); // this hour: live
        call("a", CallStatus.SUCCESS, 1000, 100, "2026-03-06T22:59:59Z"); // before the range (the 6th locally)
        Instant from = Instant.parse("2026-03-06T23:00:00Z"); // local midnight of the 7th
        Instant to = Instant.parse("2026-03-10T23:00:00Z");

        UsageReport report = service.usageStats(user.id(), from, to, BERLIN);

        assertThat(report.summary().totalCalls()).isEqualTo(4);
        assertThat(report.summary().totalCredits()).isEqualTo(8);
        assertThat(report.summary().totalUsage()).isEqualTo(100);
        assertThat(report.summary().modelCount()).isEqualTo(2);
        assertThat(report.summary().byType()).isEqualTo(Map.of("chatCompletion", new TypeTotals(100, 4)));
        assertThat(report.dailyStats()).extracting(DailyStat::date)
                .containsExactly("2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10");
        assertThat(report.dailyStats()).extracting(DailyStat::totalCalls).containsExactly(1L, 1L, 1L, 1L);
        assertThat(report.dailyStats().get(1).timestamp()).isEqualTo(Instant.parse("2026-03-07T23:00:00Z").getEpochSecond());
        assertThat(report.modelStats()).containsExactly(
                new ModelStat("p", "b", 2, 70, 7, 1.0),
                new ModelStat("p", "a", 2, 30, 1, 0.5));
        assertThat(report.trendComparison().previous()).isEqualTo(new Totals(1000, 100, 1));
        assertThat(report.trendComparison().current()).isEqualTo(new Totals(100, 8, 4));
    }

    @Test
    void the_second_report_is_answered_from_the_cache_with_the_same_numbers_and_sees_a_new_call() {
        call("a", CallStatus.SUCCESS, 10, 1, "2026-03-09T10:00:00Z");
        Instant from = Instant.parse("2026-03-09T00:00:00Z");
        Instant to = Instant.parse("2026-03-10T00:00:00Z");

        UsageReport cold = service.usageStats(user.id(), from, to, ZoneOffset.UTC);
        long cachedRows = stats.countRows(user.id(), from, to, false);
        UsageReport warm = service.usageStats(user.id(), from, to, ZoneOffset.UTC);
        call("a", CallStatus.SUCCESS, 5, 2, "2026-03-09T10:30:00Z");
        UsageReport after = service.usageStats(user.id(), from, to, ZoneOffset.UTC);

        assertThat(cachedRows).isPositive();
        assertThat(warm).isEqualTo(cold);
        assertThat(after.summary().totalCalls()).isEqualTo(2);
        assertThat(after.summary().totalCredits()).isEqualTo(3);
    }

    @Test
    void a_range_starting_inside_a_past_hour_counts_only_the_calls_from_its_start() {
        // [13:10, 14:00) is more than half of the past hour 13:00: read as the hour minus [13:00, 13:10).
        call("a", CallStatus.SUCCESS, 1, 1, "2026-03-10T13:05:00Z");
        call("a", CallStatus.SUCCESS, 2, 2, "2026-03-10T13:10:00Z");
        call("a", CallStatus.SUCCESS, 4, 4, "2026-03-10T13:59:59Z");
        call("a", CallStatus.SUCCESS, 8, 8, "2026-03-10T14:30:00Z");

        UsageReport report = service.usageStats(user.id(), Instant.parse("2026-03-10T13:10:00Z"),
                Instant.parse("2026-03-10T14:35:00Z"), ZoneOffset.UTC);

        assertThat(report.summary().totalCalls()).isEqualTo(3);
        assertThat(report.summary().totalCredits()).isEqualTo(14);
        assertThat(report.trendComparison().previous()).isEqualTo(new Totals(1, 1, 1));
    }

    @Test
    void top_models_are_the_five_with_most_calls_then_credits_then_name() {
        String[] models = {"f", "e", "d", "c", "b", "a"};
        for (int i = 0; i < models.length; i++) {
            for (int n = 0; n <= i / 2; n++) {
                call(models[i], CallStatus.SUCCESS, 1, i, "2026-03-09T10:0" + n + ":00Z");
            }
        }

        UsageReport report = service.usageStats(user.id(), Instant.parse("2026-03-09T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);

        assertThat(report.modelStats()).extracting(ModelStat::model).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void all_users_stats_sum_every_user() {
        User other = TestUsers.stored(users);
        call("a", CallStatus.SUCCESS, 1, 1, "2026-03-09T10:00:00Z");
        calls.insert(TestCalls.chat(other.id(), "p", "a", CallStatus.SUCCESS, 2, 0, 2,
                Instant.parse("2026-03-09T11:00:00Z")));

        UsageReport report = service.allUsersStats(Instant.parse("2026-03-09T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);

        assertThat(report.summary().totalCalls()).isEqualTo(2);
        assertThat(report.summary().totalCredits()).isEqualTo(3);
    }

    @Test
    void recalculate_dry_run_only_counts_and_a_real_run_refills_the_past_hours() {
        call("a", CallStatus.SUCCESS, 1, 1, "2026-03-09T10:00:00Z");
        Instant from = Instant.parse("2026-03-09T00:00:00Z");
        Instant to = Instant.parse("2026-03-10T00:00:00Z");
        service.usageStats(user.id(), from, to, ZoneOffset.UTC);
        long rows = stats.countRows(user.id(), from, to, false);

        RecalculateResult dry = service.recalculate(user.id(), from, to, true);
        RecalculateResult real = service.recalculate(user.id(), from, to, false);

        assertThat(dry).isEqualTo(new RecalculateResult(true, rows, 24, 0));
        assertThat(stats.countRows(user.id(), from, to, false)).isEqualTo(1);
        assertThat(real).isEqualTo(new RecalculateResult(false, rows, 24, 0));
    }

    @Test
    void a_range_must_be_ordered_and_at_most_400_days() {
        assertThatThrownBy(() -> service.usageStats(user.id(), NOW, NOW.minusSeconds(1), ZoneOffset.UTC))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("endTime"));
        assertThatThrownBy(() -> service.usageStats(user.id(), NOW.minus(Duration.ofDays(401)), NOW, ZoneOffset.UTC))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("endTime"));
        assertThatThrownBy(() -> service.usageStats(user.id(), null, NOW, ZoneOffset.UTC))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("startTime"));
        assertThat(service.usageStats(user.id(), NOW.minus(Duration.ofDays(400)), NOW, ZoneOffset.UTC)
                .summary().totalCalls()).isZero();
    }

    @Test
    void comparisons_put_each_call_in_its_period() {
        call("a", CallStatus.SUCCESS, 1, 1, "2026-03-09T10:00:00Z");
        call("a", CallStatus.SUCCESS, 2, 2, "2026-03-02T10:00:00Z");

        var weekly = service.weekly(user.id(), ZoneOffset.UTC);

        assertThat(weekly.current().totalCalls() + weekly.previous().totalCalls()).isEqualTo(2);
        assertThat(weekly.previousPeriod().start()).isBefore(weekly.period().start());
        assertThat(List.of(weekly.current().totalCredits(), weekly.previous().totalCredits()))
                .containsExactlyInAnyOrder(1L, 2L);
    }
}
