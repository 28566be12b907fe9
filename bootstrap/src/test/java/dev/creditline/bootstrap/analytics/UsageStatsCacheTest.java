package dev.creditline.bootstrap.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Stats cache (analytics.md "Hourly stats cache", "Usage stats"; lesson 25). */
@DatabaseTest
class UsageStatsCacheTest {

    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-3", "llama", "mistral", "gemini"};
    private static final String[] TYPES = {"chatCompletion", "embedding", "imageGeneration"};
    private static final String[] STATUSES = {"success", "success", "failed", "processing"};
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Kolkata"));

    @AutoClose
    private static final TestService svc = TestService.start();

    private static void insertRandom(UUID user, Random r, int n, Instant from, Instant to) {
        long span = to.getEpochSecond() - from.getEpochSecond();
        svc.jdbi().useHandle(h -> {
            var batch = h.prepareBatch("INSERT INTO model_calls (user_id, id, provider_id, model, type, status,"
                    + " total_usage, credits, duration_ms, call_time, created_at)"
                    + " VALUES (:u, :id, :p, :m, :t, :s, :usage, :credits, :d, :ct, now())");
            for (int i = 0; i < n; i++) {
                batch.bind("u", user).bind("id", UUID.randomUUID()).bind("p", r.nextInt(5) == 0 ? null : "openai")
                        .bind("m", MODELS[r.nextInt(MODELS.length)]).bind("t", TYPES[r.nextInt(TYPES.length)])
                        .bind("s", STATUSES[r.nextInt(STATUSES.length)]).bind("usage", (long) r.nextInt(5000))
                        .bind("credits", (long) r.nextInt(300)).bind("d", (long) r.nextInt(9000))
                        .bind("ct", Instant.ofEpochSecond(from.getEpochSecond() + (long) (r.nextDouble() * span))
                                .atOffset(ZoneOffset.UTC))
                        .add();
            }
            batch.execute();
        });
    }

    private static Response stats(UUID user, long start, long end, String zone) {
        return svc.asUser(user, "GET", "/api/user/usage-stats?startTime=" + start + "&endTime=" + end
                + "&timezone=" + zone, null);
    }

    /** Direct aggregate over model_calls per local day: date → {calls, usage, credits}. */
    private static Map<String, long[]> direct(UUID user, Instant from, Instant to, ZoneId zone) {
        Map<String, long[]> m = new HashMap<>();
        svc.jdbi().useHandle(h -> h.createQuery("SELECT to_char(call_time AT TIME ZONE :z, 'YYYY-MM-DD') AS d,"
                        + " count(*) AS c, sum(total_usage) AS u, sum(credits) AS cr FROM model_calls"
                        + " WHERE user_id = :u AND call_time >= :f AND call_time < :t GROUP BY 1")
                .bind("z", zone.getId()).bind("u", user).bind("f", from.atOffset(ZoneOffset.UTC))
                .bind("t", to.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> m.put(rs.getString("d"), new long[]{rs.getLong("c"), rs.getLong("u"), rs.getLong("cr")}))
                .list());
        return m;
    }

    private static long[] sum(Map<String, long[]> m) {
        long[] s = new long[3];
        m.values().forEach(v -> {
            s[0] += v[0];
            s[1] += v[1];
            s[2] += v[2];
        });
        return s;
    }

    private static void assertMatchesDirect(UUID user, long start, long end, ZoneId zone) {
        Response r = stats(user, start, end, zone.getId());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        Instant from = Instant.ofEpochSecond(start);
        Instant to = Instant.ofEpochSecond(end + 1);
        Map<String, long[]> days = direct(user, from, to, zone);
        long[] total = sum(days);
        String ctx = "range " + from + ".." + to + " in " + zone;
        assertThat(j.at("/summary/totalCalls").asLong()).as(ctx).isEqualTo(total[0]);
        assertThat(j.at("/summary/totalUsage").asLong()).as(ctx).isEqualTo(total[1]);
        assertThat(j.at("/summary/totalCredits").asLong()).as(ctx).isEqualTo(total[2]);
        Set<String> seen = new HashSet<>();
        for (JsonNode d : j.get("dailyStats")) {
            long[] want = days.getOrDefault(d.get("date").asText(), new long[3]);
            assertThat(new long[]{d.get("totalCalls").asLong(), d.get("totalUsage").asLong(),
                    d.get("totalCredits").asLong()}).as(ctx + " day " + d.get("date")).containsExactly(want);
            seen.add(d.get("date").asText());
        }
        assertThat(seen).containsAll(days.keySet());
        Map<String, Long> models = new HashMap<>();
        svc.jdbi().useHandle(h -> h.createQuery("SELECT coalesce(provider_id, '') || '/' || model AS k, count(*) AS c"
                        + " FROM model_calls WHERE user_id = :u AND call_time >= :f AND call_time < :t GROUP BY 1")
                .bind("u", user).bind("f", from.atOffset(ZoneOffset.UTC)).bind("t", to.atOffset(ZoneOffset.UTC))
                .map((rs, c) -> models.put(rs.getString("k"), rs.getLong("c"))).list());
        assertThat(j.at("/summary/modelCount").asLong()).as(ctx)
                .isEqualTo(models.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).distinct().count());
        for (JsonNode m : j.get("modelStats")) {
            String k = (m.get("providerId").isNull() ? "" : m.get("providerId").asText()) + "/" + m.get("model").asText();
            assertThat(m.get("totalCalls").asLong()).as(ctx + " model " + k).isEqualTo(models.get(k));
        }
        long[] prev = sum(direct(user, from.minusSeconds(end + 1 - start), from, zone));
        assertThat(j.at("/trendComparison/previous/totalCalls").asLong()).as(ctx).isEqualTo(prev[0]);
        assertThat(j.at("/trendComparison/previous/totalCredits").asLong()).as(ctx).isEqualTo(prev[2]);
    }

    @Test
    void stats_from_the_cache_equal_a_direct_aggregate_for_random_data_ranges_and_zones() {
        UUID user = svc.createUser("prop@example.com");
        Random r = new Random(42);
        Instant now = Instant.now();
        insertRandom(user, r, 4000, now.minus(40, ChronoUnit.DAYS), now);
        insertRandom(user, r, 30, now.truncatedTo(ChronoUnit.HOURS), now); // current hour (live)
        long nowS = now.getEpochSecond();
        for (int i = 0; i < 40; i++) {
            long start = nowS - r.nextInt(40 * 86400);
            long end = Math.min(nowS + 3600, start + 1 + r.nextInt(15 * 86400));
            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            assertMatchesDirect(user, start, end, zone);
            assertMatchesDirect(user, start, end, zone); // now warm
        }
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "' AND granularity = 'day'"))
                .isPositive();
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "' AND granularity = 'hour'"))
                .isPositive();
        // the cache never holds the current hour or later
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "' AND period_end > now()")).isZero();
    }

    @Test
    void a_range_starting_early_in_an_hour_counts_neither_the_calls_before_it_nor_their_models() {
        UUID user = svc.createUser("edge@example.com");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.HOURS);
        ModelCallRows.insert(svc.jdbi(), user, hour.plusSeconds(60), "before-only", 100, 10);
        ModelCallRows.insert(svc.jdbi(), user, hour.plusSeconds(700), "gpt-4o", 100, 5);
        ModelCallRows.insert(svc.jdbi(), user, hour.plusSeconds(3000), "gpt-4o", 100, 6);
        long start = hour.plusSeconds(600).getEpochSecond(); // the hour's last 50 minutes are in the range
        long end = hour.plus(2, ChronoUnit.DAYS).getEpochSecond();
        for (int read = 0; read < 2; read++) { // cold, then warm
            JsonNode j = stats(user, start, end, "UTC").json();
            assertThat(j.at("/summary/totalCalls").asLong()).isEqualTo(2);
            assertThat(j.at("/summary/totalCredits").asLong()).isEqualTo(11);
            assertThat(j.at("/summary/modelCount").asLong()).isEqualTo(1);
            assertThat(j.get("modelStats")).hasSize(1);
            assertThat(j.at("/modelStats/0/model").asText()).isEqualTo("gpt-4o");
            assertThat(j.at("/trendComparison/previous/totalCredits").asLong()).isEqualTo(10);
            assertMatchesDirect(user, start, end, ZoneId.of("UTC"));
        }
    }

    @Test
    void a_model_call_recorded_late_into_a_cached_hour_shows_up_in_the_next_read() {
        UUID user = svc.createUser("late@example.com");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
        ModelCallRows.insert(svc.jdbi(), user, hour.plusSeconds(60), "gpt-4o", 100, 10);
        long start = hour.minus(3, ChronoUnit.DAYS).getEpochSecond();
        long end = hour.plusSeconds(3599).getEpochSecond();
        Response first = stats(user, start, end, "UTC");
        assertThat(first.json().at("/summary/totalCredits").asLong()).isEqualTo(10);
        // the hour is cached as an hour, or inside a day when it is the range's last full day (23:00 UTC)
        String covering = "model_call_stat_periods WHERE user_id = '" + user + "' AND period_start <= '" + hour
                + "' AND period_end > '" + hour + "'";
        assertThat(svc.count(covering)).isEqualTo(1);

        UUID late = ModelCallRows.insert(svc.jdbi(), user, hour.plusSeconds(1800), "gpt-4o", 50, 7);
        assertThat(svc.count(covering)).as("invalidated by the insert").isZero();
        Response second = stats(user, start, end, "UTC");
        assertThat(second.json().at("/summary/totalCredits").asLong()).isEqualTo(17);
        assertThat(second.json().at("/summary/totalCalls").asLong()).isEqualTo(2);

        // a status/credit change of a cached call, and a deletion, are seen too (day roll-ups included)
        svc.jdbi().useHandle(h -> h.createUpdate("UPDATE model_calls SET credits = 20, status = 'failed' WHERE id = :id")
                .bind("id", late).execute());
        assertThat(stats(user, start, end, "UTC").json().at("/summary/totalCredits").asLong()).isEqualTo(30);
        svc.jdbi().useHandle(h -> h.createUpdate("DELETE FROM model_calls WHERE id = :id").bind("id", late).execute());
        assertThat(stats(user, start, end, "UTC").json().at("/summary/totalCredits").asLong()).isEqualTo(10);
    }

    @Test
    void the_pool_pins_every_session_to_utc_whatever_the_jvm_default_zone() {
        // this class also runs with -Duser.timezone=Asia/Kolkata (bootstrap/pom.xml), where pgjdbc
        // announces Asia/Kolkata as the session's TimeZone at connect time
        for (int i = 0; i < 25; i++) {
            String zone = svc.jdbi().withHandle(h -> h.createQuery("SHOW TimeZone").mapTo(String.class).one());
            assertThat(zone).isEqualTo("UTC");
        }
    }

    @Test
    void a_call_recorded_into_a_cached_hour_invalidates_it_under_any_session_time_zone() {
        UUID user = svc.createUser("kolkata@example.com");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        long start = hour.getEpochSecond();
        long end = hour.plusSeconds(3599).getEpochSecond();
        Response first = svc.internal("POST", "/model-calls", "{\"userId\":\"" + user
                + "\",\"model\":\"gpt-4o\",\"usage\":{\"inputTokens\":10},\"callTime\":" + (start + 60) + "}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(stats(user, start, end, "Asia/Kolkata").json().at("/summary/totalCalls").asLong()).isEqualTo(1);
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "' AND period_start = '" + hour + "'"))
                .as("cached").isEqualTo(1);

        Response second = svc.internal("POST", "/model-calls", "{\"userId\":\"" + user
                + "\",\"model\":\"gpt-4o\",\"usage\":{\"inputTokens\":10},\"callTime\":" + (start + 120) + "}");
        assertThat(second.status()).isEqualTo(201);
        assertThat(stats(user, start, end, "Asia/Kolkata").json().at("/summary/totalCalls").asLong()).isEqualTo(2);

        // a writer whose session is in a half-hour zone (not through the pool's UTC) invalidates too
        assertThat(stats(user, start, end, "UTC").json().at("/summary/totalCalls").asLong()).isEqualTo(2);
        for (String zone : List.of("Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Eucla")) {
            svc.jdbi().useTransaction(h -> {
                h.execute("SET LOCAL TIME ZONE '" + zone + "'");
                h.createUpdate("INSERT INTO model_calls (user_id, id, model, type, status, total_usage, credits,"
                                + " call_time, created_at) VALUES (:u, :id, 'gpt-4o', 'chatCompletion', 'success', 5, 1,"
                                + " :t, now())")
                        .bind("u", user).bind("id", UUID.randomUUID())
                        .bind("t", hour.plusSeconds(600).atOffset(ZoneOffset.UTC)).execute();
            });
        }
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "' AND period_start = '" + hour
                + "'")).as("invalidated").isZero();
        assertThat(stats(user, start, end, "UTC").json().at("/summary/totalCalls").asLong()).isEqualTo(6);
    }

    @Test
    void no_iana_zone_and_range_answers_a_500() {
        UUID user = svc.createUser("zones@example.com");
        Random r = new Random(1325160000L);
        insertRandom(user, r, 300, Instant.parse("2011-12-01T00:00:00Z"), Instant.parse("2012-01-31T00:00:00Z"));
        Response apia = stats(user, 1325160000L, 1325400000L, "Pacific/Apia");
        assertThat(apia.status()).as(apia.toString()).isEqualTo(200);
        List<String> dates = new ArrayList<>();
        apia.json().get("dailyStats").forEach(d -> dates.add(d.get("date").asText()));
        assertThat(dates).contains("2011-12-29", "2011-12-31").doesNotContain("2011-12-30");
        assertMatchesDirect(user, 1325160000L, 1325400000L, ZoneId.of("Pacific/Apia"));
        List<String> zones = new ArrayList<>(java.time.ZoneId.getAvailableZoneIds());
        java.util.Collections.sort(zones);
        java.util.Collections.shuffle(zones, r);
        for (String zone : zones.subList(0, 40)) {
            long from = Instant.parse("2011-11-01T00:00:00Z").getEpochSecond() + r.nextInt(90 * 86_400);
            long to = from + r.nextInt(40 * 86_400);
            Response resp = stats(user, from, to, zone);
            assertThat(resp.status()).as(zone + " " + resp).isEqualTo(200);
            for (String path : List.of("/api/user/weekly-comparison?timezone=", "/api/user/monthly-comparison?timezone=")) {
                Response c = svc.asUser(user, "GET", path + zone, null);
                assertThat(c.status()).as(zone + " " + c).isEqualTo(200);
            }
        }
    }

    @Test
    void twenty_concurrent_cold_reads_of_30_days_all_succeed_and_store_one_set_of_cache_rows() throws Exception {
        UUID user = svc.createUser("cold@example.com");
        Instant now = Instant.now();
        insertRandom(user, new Random(3), 3000, now.minus(31, ChronoUnit.DAYS), now);
        long end = now.getEpochSecond();
        long start = end - 30L * 86400;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return stats(user, start, end, "Europe/Berlin");
            }));
        }
        go.countDown();
        Set<String> summaries = new HashSet<>();
        for (Future<Response> f : results) {
            Response r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            summaries.add(r.json().get("summary").toString());
        }
        pool.shutdown();
        assertThat(summaries).hasSize(1);
        long periods = svc.count("model_call_stat_periods WHERE user_id = '" + user + "'");
        long rows = svc.count("model_call_stats WHERE user_id = '" + user + "'");
        // the same read again stores nothing new
        assertThat(stats(user, start, end, "Europe/Berlin").status()).isEqualTo(200);
        assertThat(svc.count("model_call_stat_periods WHERE user_id = '" + user + "'")).isEqualTo(periods);
        assertThat(svc.count("model_call_stats WHERE user_id = '" + user + "'")).isEqualTo(rows);
        // one row per (period, provider, model, type): equal to a direct grouping over the cached periods
        long expected = svc.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM (SELECT DISTINCT p.period_start,"
                        + " coalesce(c.provider_id, ''), c.model, c.type FROM model_call_stat_periods p JOIN model_calls c"
                        + " ON c.user_id = p.user_id AND c.call_time >= p.period_start AND c.call_time < p.period_end"
                        + " WHERE p.user_id = :u) x").bind("u", user).mapTo(Long.class).one());
        assertThat(rows).isEqualTo(expected).isPositive();
        assertMatchesDirect(user, start, end, ZoneId.of("Europe/Berlin"));
    }

    @Test
    void weekly_and_monthly_comparisons_count_the_period_to_date_and_growth() {
        UUID user = svc.createUser("cmp@example.com");
        // The call sits 60 s before "now": keep both in one Shanghai day (and so in one week and
        // month) by moving the service clock past the first two minutes after a local midnight.
        java.time.ZonedDateTime local = svc.clock().instant().atZone(java.time.ZoneId.of("Asia/Shanghai"));
        if (local.getHour() == 0 && local.getMinute() < 2) {
            svc.clock().advance(java.time.Duration.ofMinutes(2));
        }
        Instant now = svc.clock().instant();
        ModelCallRows.insert(svc.jdbi(), user, now.minusSeconds(60), "gpt-4o", 10, 5);
        for (String kind : List.of("weekly", "monthly")) {
            Response r = svc.asUser(user, "GET", "/api/user/" + kind + "-comparison?timezone=Asia/Shanghai", null);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j.at("/current/totalCredits").asLong()).isEqualTo(5);
            assertThat(j.at("/previous/totalCalls").asLong()).isZero();
            assertThat(j.at("/growth/creditsGrowth").asDouble()).isEqualTo(1.0);
            Instant start = Instant.parse(j.at("/period/start").asText());
            assertThat(start).isBefore(now);
            assertThat(Instant.parse(j.at("/previousPeriod/end").asText())).isBeforeOrEqualTo(start);
        }
    }
}
