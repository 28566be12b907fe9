package dev.creditline.bootstrap.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /api/user family: history, export, credit views, admin guards, validation. */
@DatabaseTest
class UserServiceApiTest {

    private static TestService svc;
    private static UUID admin;

    @BeforeAll
    static void start() {
        svc = TestService.start(Map.of("ADMIN_EMAILS", "boss@example.com", "EXPORT_MAX_ROWS", "5"));
        admin = svc.createUser("boss@example.com");
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    private static Response get(UUID user, String path) {
        return svc.asUser(user, "GET", path, null);
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    @Test
    void csv_export_quotes_commas_quotes_and_newlines_and_neutralises_formulas() throws IOException {
        UUID user = svc.createUser("csv@example.com");
        Instant t = Instant.parse("2026-01-10T08:00:00Z");
        String nasty = "bad, \"quoted\"\nnext line";
        String formula = "=cmd|' /C calc'!A0";
        ModelCallRows.insert(svc.jdbi(), user, t, "gpt-4o", "chatCompletion", "failed", 0, 0, nasty, "app,1", "r1");
        ModelCallRows.insert(svc.jdbi(), user, t.plusSeconds(1), "+model", "embedding", "success", 12, 3, formula,
                "@app", "-r2");
        Response r = get(user, "/api/user/model-calls/export");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).matches("attachment; filename=\"model-calls-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        assertThat(r.header("X-Export-Truncated")).isNull();
        List<CSVRecord> rows = parse(r.body());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toList()).containsExactly("Timestamp", "Request ID", "User ID", "User Name",
                "User Email", "Model", "Provider", "Type", "Status", "Input Tokens", "Output Tokens", "Total Usage",
                "Credits", "Duration(s)", "App ID", "Error");
        CSVRecord newest = rows.get(1);
        assertThat(newest.get(0)).isEqualTo("2026-01-10T08:00:01Z");
        assertThat(newest.get(1)).isEqualTo("'-r2");
        assertThat(newest.get(2)).isEqualTo(user.toString());
        assertThat(newest.get(4)).isEqualTo("csv@example.com");
        assertThat(newest.get(5)).isEqualTo("'+model");
        assertThat(newest.get(11)).isEqualTo("12");
        assertThat(newest.get(13)).isEqualTo("1.5");
        assertThat(newest.get(14)).isEqualTo("'@app");
        assertThat(newest.get(15)).isEqualTo("'" + formula);
        CSVRecord older = rows.get(2);
        assertThat(older.get(14)).isEqualTo("app,1");
        assertThat(older.get(15)).isEqualTo(nasty);
        assertThat(older.get(12)).as("zero is printed, not empty").isEqualTo("0");
        assertThat(older.size()).isEqualTo(16);

        Response zh = get(user, "/api/user/model-calls/export?locale=zh");
        assertThat(parse(zh.body()).get(0).get(0)).isEqualTo("时间");
    }

    @Test
    void export_is_capped_at_export_max_rows_and_says_so() throws IOException {
        UUID user = svc.createUser("many@example.com");
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            ModelCallRows.insert(svc.jdbi(), user, t.plusSeconds(i), "m" + i, 1, 1);
        }
        Response r = get(user, "/api/user/model-calls/export");
        assertThat(r.header("X-Export-Truncated")).isEqualTo("true");
        List<CSVRecord> rows = parse(r.body());
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1).get(5)).as("newest first").isEqualTo("m6");
        Response filtered = get(user, "/api/user/model-calls/export?model=m6");
        assertThat(filtered.header("X-Export-Truncated")).isNull();
        assertThat(parse(filtered.body())).hasSize(2);
    }

    @Test
    void model_calls_list_pages_filters_and_keeps_the_original_shape() {
        UUID user = svc.createUser("list@example.com");
        UUID other = svc.createUser("other@example.com");
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            ModelCallRows.insert(svc.jdbi(), user, t.plusSeconds(i * 60), i % 2 == 0 ? "gpt-4o" : "claude-3",
                    "chatCompletion", i == 4 ? "failed" : "success", 10, 2, null, "app-" + i, "req_" + i);
        }
        ModelCallRows.insert(svc.jdbi(), other, t, "gpt-4o", 1, 1);
        JsonNode j = get(user, "/api/user/model-calls?page=2&pageSize=2").json();
        assertThat(j.get("count").asLong()).isEqualTo(5);
        assertThat(j.at("/paging/page").asInt()).isEqualTo(2);
        assertThat(j.at("/paging/pageSize").asInt()).isEqualTo(2);
        assertThat(j.get("list")).hasSize(2);
        JsonNode first = get(user, "/api/user/model-calls?pageSize=1").json().get("list").get(0);
        assertThat(first.get("requestId").asText()).isEqualTo("req_4");
        assertThat(first.get("userDid").asText()).isEqualTo(user.toString());
        assertThat(first.get("appDid").asText()).isEqualTo("app-4");
        assertThat(first.get("duration").asDouble()).isEqualTo(1.5);
        assertThat(first.at("/usageMetrics/inputTokens").asLong()).isEqualTo(10);
        assertThat(first.get("callTime").asText()).isEqualTo("2026-03-01T00:04:00Z");
        assertThat(get(user, "/api/user/model-calls?status=failed").json().get("count").asLong()).isEqualTo(1);
        assertThat(get(user, "/api/user/model-calls?model=CLAUDE").json().get("count").asLong()).isEqualTo(2);
        assertThat(get(user, "/api/user/model-calls?search=req_3").json().get("count").asLong()).isEqualTo(1);
        assertThat(get(user, "/api/user/model-calls?search=%25").json().get("count").asLong())
                .as("LIKE wildcards are literal").isZero();
        assertThat(get(user, "/api/user/model-calls?appDid=app-1").json().get("count").asLong()).isEqualTo(1);
        assertThat(get(user, "/api/user/model-calls?providerId=nope").json().get("count").asLong()).isZero();
        long s = t.plusSeconds(60).getEpochSecond();
        assertThat(get(user, "/api/user/model-calls?startTime=" + s + "&endTime=" + (s + 60)).json()
                .get("count").asLong()).as("endTime inclusive").isEqualTo(2);
        // admin sees all users with allUsers=true
        assertThat(get(admin, "/api/user/model-calls?allUsers=true&startTime=" + t.getEpochSecond()
                + "&endTime=" + (t.getEpochSecond() + 299)).json().get("count").asLong()).isEqualTo(6);
    }

    @Test
    void non_admins_get_403_on_every_admin_path_and_on_allUsers() {
        UUID user = svc.createUser("plain@example.com");
        String body = "{\"userDid\":\"" + user + "\",\"startTime\":0,\"endTime\":3600,\"dryRun\":true}";
        assertThat(get(user, "/api/user/admin/user-stats?startTime=0&endTime=3600").status()).isEqualTo(403);
        assertThat(svc.asUser(user, "POST", "/api/user/recalculate-stats", body).status()).isEqualTo(403);
        assertThat(svc.asUser(user, "POST", "/api/user/cleanup-daily-stats", body).status()).isEqualTo(403);
        assertThat(get(user, "/api/user/model-calls?allUsers=true").status()).isEqualTo(403);
        assertThat(get(user, "/api/user/model-calls/export?allUsers=true").status()).isEqualTo(403);
        Response forbidden = get(user, "/api/user/model-calls?allUsers=true");
        assertThat(forbidden.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(get(admin, "/api/user/admin/user-stats?startTime=0&endTime=3600").status()).isEqualTo(200);
        assertThat(svc.json("GET", "/api/user/info", null).status()).isEqualTo(401);
    }

    @Test
    void malformed_or_out_of_range_parameters_are_400_naming_the_field() {
        UUID user = svc.createUser("bad@example.com");
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/user/model-calls?page=0", "page"),
                Map.entry("/api/user/model-calls?page=abc", "page"),
                Map.entry("/api/user/model-calls?pageSize=101", "pageSize"),
                Map.entry("/api/user/model-calls?startTime=yesterday", "startTime"),
                Map.entry("/api/user/model-calls?startTime=100&endTime=50", "endTime"),
                Map.entry("/api/user/model-calls?status=pending", "status"),
                Map.entry("/api/user/model-calls?allUsers=maybe", "allUsers"),
                Map.entry("/api/user/model-calls?search=" + "x".repeat(101), "search"),
                Map.entry("/api/user/model-calls/export?endTime=-5", "endTime"),
                Map.entry("/api/user/usage-stats?endTime=100", "startTime"),
                Map.entry("/api/user/usage-stats?startTime=100", "endTime"),
                Map.entry("/api/user/usage-stats?startTime=100&endTime=99999999999", "endTime"),
                Map.entry("/api/user/usage-stats?startTime=0&endTime=100&timezone=Mars/Olympus", "timezone"),
                Map.entry("/api/user/usage-stats?startTime=0&endTime=100&timezoneOffset=9999", "timezoneOffset"),
                Map.entry("/api/user/weekly-comparison?timezone=nope", "timezone"),
                Map.entry("/api/user/credit/grants?pageSize=0", "pageSize"),
                Map.entry("/api/user/credit/transactions?start=x", "start"));
        cases.forEach((path, field) -> {
            Response r = get(user, path);
            assertThat(r.status()).as(path + " → " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(path).isEqualTo(field);
        });
        String ok = "{\"userDid\":\"" + user + "\",\"startTime\":0,\"endTime\":3600";
        Map<String, String> bodies = Map.of(
                ok + ",\"dryRun\":\"yes\"}", "dryRun",
                "{\"userDid\":\"nope\",\"startTime\":0,\"endTime\":1}", "userDid",
                "{\"userDid\":\"" + user + "\",\"startTime\":\"0\",\"endTime\":1}", "startTime",
                "{\"userDid\":\"" + user + "\",\"startTime\":0}", "endTime");
        bodies.forEach((body, field) -> {
            Response r = svc.asUser(admin, "POST", "/api/user/recalculate-stats", body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        });
        assertThat(svc.count("model_call_stat_periods")).isZero();
    }

    @Test
    void recalculate_dry_run_reports_and_real_run_rebuilds_and_cleanup_drops_day_rows() {
        UUID user = svc.createUser("recalc@example.com");
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        ModelCallRows.insert(svc.jdbi(), user, day.plusSeconds(3600), "gpt-4o", 10, 4);
        long start = day.getEpochSecond();
        long end = day.plus(2, ChronoUnit.DAYS).getEpochSecond() - 1;
        assertThat(get(user, "/api/user/usage-stats?startTime=" + start + "&endTime=" + end).status()).isEqualTo(200);
        String inRange = "model_call_stat_periods WHERE user_id = '" + user + "' AND period_start >= '" + day + "'";
        long dayRows = svc.count(inRange + " AND granularity = 'day'");
        assertThat(dayRows).as("two days, plus two of the previous period outside the range").isEqualTo(2);

        String body = "{\"userDid\":\"" + user + "\",\"startTime\":" + start + ",\"endTime\":" + end;
        JsonNode dry = svc.asUser(admin, "POST", "/api/user/recalculate-stats", body + ",\"dryRun\":true}").json();
        assertThat(dry.get("userDid").asText()).isEqualTo(user.toString());
        assertThat(dry.get("willDeleteStats").asLong()).isEqualTo(1);
        assertThat(dry.get("willRecalculateHours").asLong()).isEqualTo(48);
        assertThat(svc.count(inRange)).isEqualTo(dayRows);

        JsonNode real = svc.asUser(admin, "POST", "/api/user/recalculate-stats", body + "}").json();
        assertThat(real.get("deleted").asLong()).isEqualTo(1);
        assertThat(real.get("success").asLong()).isEqualTo(48);
        assertThat(real.get("failed").asLong()).isZero();
        assertThat(svc.count(inRange + " AND granularity = 'hour'"))
                .isEqualTo(48);

        get(user, "/api/user/usage-stats?startTime=" + start + "&endTime=" + end);
        JsonNode clean = svc.asUser(admin, "POST", "/api/user/cleanup-daily-stats", body + "}").json();
        assertThat(clean.get("deleted").asLong()).isEqualTo(1);
        assertThat(svc.count(inRange + " AND granularity = 'day'")).isZero();
        assertThat(svc.count(inRange + " AND granularity = 'hour'"))
                .isEqualTo(48);
        JsonNode again = get(user, "/api/user/usage-stats?startTime=" + start + "&endTime=" + end).json();
        assertThat(again.at("/summary/totalCredits").asLong()).isEqualTo(4);
        assertThat(again.get("dailyStats")).hasSize(2);
        assertThat(again.at("/modelStats/0/model").asText()).isEqualTo("gpt-4o");
        assertThat(again.at("/modelStats/0/successRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void credit_views_read_our_ledger_and_open_holds_and_links_are_null_without_stripe() {
        UUID user = svc.createUser("credit@example.com");
        Instant now = Instant.now();
        svc.jdbi().useHandle(h -> h.createUpdate("INSERT INTO holds (user_id, id, amount, status, created_at, expires_at)"
                + " VALUES (:u, :id, 300, 'open', :t, :e)")
                .bind("u", user).bind("id", UUID.randomUUID())
                .bind("t", now.atOffset(ZoneOffset.UTC)).bind("e", now.plusSeconds(600).atOffset(ZoneOffset.UTC))
                .execute());
        svc.jdbi().useHandle(h -> h.createUpdate("INSERT INTO holds (user_id, id, amount, status, created_at, expires_at,"
                + " settled_at) VALUES (:u, :id, 50, 'released', :t, :e, :t)").bind("u", user).bind("id", UUID.randomUUID())
                .bind("t", now.atOffset(ZoneOffset.UTC)).bind("e", now.plusSeconds(600).atOffset(ZoneOffset.UTC))
                .execute());
        JsonNode b = get(user, "/api/user/credit/balance").json();
        long bonus = b.get("balance").asLong();
        assertThat(b.get("total").asLong()).isEqualTo(bonus);
        assertThat(b.get("grantCount").asLong()).isEqualTo(bonus > 0 ? 1 : 0);
        assertThat(b.get("pendingCredit").asLong()).isEqualTo(300);
        assertThat(b.at("/currency/code").asText()).isEqualTo("credits");
        JsonNode grants = get(user, "/api/user/credit/grants").json();
        assertThat(grants.get("count").asLong()).isEqualTo(bonus > 0 ? 1 : 0);
        if (bonus > 0) {
            assertThat(grants.at("/list/0/amount").asLong()).isEqualTo(bonus);
            assertThat(grants.at("/list/0/reason").asText()).isEqualTo("signup_bonus");
        }
        assertThat(get(user, "/api/user/credit/transactions?start=1&end=2").json().get("count").asLong()).isZero();
        JsonNode info = get(user, "/api/user/info").json();
        assertThat(info.at("/user/did").asText()).isEqualTo(user.toString());
        assertThat(info.at("/user/email").asText()).isEqualTo("credit@example.com");
        assertThat(info.get("enableCredit").asBoolean()).isFalse();
        assertThat(info.get("creditBalance").isNull()).isTrue();
        assertThat(info.get("paymentLink").isNull()).isTrue();
        assertThat(get(user, "/api/user/credit/payment-link").json().get("paymentLink").isNull()).isTrue();
    }
}
