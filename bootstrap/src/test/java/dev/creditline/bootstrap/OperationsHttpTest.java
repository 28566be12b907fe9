package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HTTP details real clients hit, request logs and metrics (issue 6). */
@DatabaseTest
class OperationsHttpTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("MAX_BODY_BYTES", "2048"));

    @Test
    void a_post_asking_for_an_h2c_upgrade_as_javas_http_client_does_gets_its_body_handled() throws Exception {
        HttpClient defaultClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(defaultClient.version()).isEqualTo(HttpClient.Version.HTTP_2);
        String email = "h2c-" + UUID.randomUUID() + "@example.com";
        HttpRequest request = HttpRequest.newBuilder(service.uri("/api/internal/auth/users"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Adapter-Secret", TestService.ADAPTER_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build();
        HttpResponse<String> r = defaultClient.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(service.count("users WHERE email = '" + email + "'")).isEqualTo(1);
        // and the connection is usable afterwards
        HttpResponse<String> again = defaultClient.send(HttpRequest.newBuilder(service.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void bodies_over_the_limit_are_refused_with_413_whether_declared_or_chunked() {
        long users = service.count("users");
        String big = "{\"email\":\"big@example.com\",\"name\":\"" + "x".repeat(4000) + "\"}";
        Response declared = service.json("POST", "/api/internal/auth/users", big, "X-Adapter-Secret", TestService.ADAPTER_SECRET);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        HttpRequest chunked = service.request("/api/internal/auth/users").header("Content-Type", "application/json")
                .header("X-Adapter-Secret", TestService.ADAPTER_SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        Response r = service.send(chunked);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(service.count("users")).isEqualTo(users);
    }

    @Test
    void unknown_routes_are_404_and_wrong_methods_405_as_problems_carrying_the_request_id() {
        Response missing = service.json("GET", "/api/nothing-here", null, "X-Request-Id", "trace-abc.123");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.header("X-Request-Id")).isEqualTo("trace-abc.123");
        assertThat(missing.json().get("requestId").asText()).isEqualTo("trace-abc.123");

        Response wrong = service.json("DELETE", "/health", null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrong.json().get("requestId").asText()).isEqualTo(wrong.header("X-Request-Id"));

        // an error thrown in a filter (bad secret) also carries it; an unsafe id is replaced
        Response filtered = service.json("GET", "/api/internal/auth/users/x", null, "X-Request-Id", "has space!");
        assertThat(filtered.status()).isEqualTo(401);
        assertThat(filtered.header("X-Request-Id")).isNotEqualTo("has space!").isEqualTo(filtered.json().get("requestId").asText());
    }

    @Test
    void each_request_logs_one_json_line_with_route_status_duration_request_id_and_user_but_no_token() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.creditline.request");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.list = new java.util.concurrent.CopyOnWriteArrayList<>();
        appender.start();
        logger.addAppender(appender);
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(logger.getLoggerContext());
        encoder.start();
        try {
            UUID user = service.createUser("log-" + UUID.randomUUID() + "@example.com");
            String token = TestService.tokenFor(user);
            Response r = service.json("GET", "/api/credits/history?limit=5", null, "Authorization", "Bearer " + token,
                    "X-Request-Id", "log-test-1");
            assertThat(r.status()).isEqualTo(200);
            Eventually.eventually("the request's log line", () -> appender.list.stream()
                    .anyMatch(e -> "log-test-1".equals(e.getMDCPropertyMap().get("requestId"))));
            JsonNode line = appender.list.stream()
                    .map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                    .filter(s -> s.contains("log-test-1")).map(OperationsHttpTest::parse).findFirst().orElseThrow();
            assertThat(line.get("method").asText()).isEqualTo("GET");
            assertThat(line.get("route").asText()).isEqualTo("/api/credits/history");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("duration_ms").isNumber()).isTrue();
            assertThat(line.get("requestId").asText()).isEqualTo("log-test-1");
            assertThat(line.get("user_id").asText()).isEqualTo(user.toString());
            String all = appender.list.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                    .reduce("", String::concat);
            assertThat(all).doesNotContain(token).doesNotContain(TestService.ADAPTER_SECRET).doesNotContain("log-" + user);
            // the route template, never the raw path with an e-mail in it
            service.adapter("GET", "/users/by-email/secret-person@example.com", null);
            Eventually.eventually("the by-email request's log line", () -> appender.list.stream()
                    .anyMatch(e -> new String(encoder.encode(e), StandardCharsets.UTF_8)
                            .contains("/api/internal/auth/users/by-email/{email}")));
            assertThat(appender.list.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                    .reduce("", String::concat)).doesNotContain("secret-person")
                    .contains("/api/internal/auth/users/by-email/{email}");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void metrics_expose_http_pool_jvm_and_domain_series_after_a_few_requests() {
        UUID user = service.createUser("metrics-" + UUID.randomUUID() + "@example.com");
        service.jdbi().useHandle(h -> h.createUpdate("INSERT INTO holds (user_id, id, amount, created_at, expires_at) "
                + "VALUES (:u, :id, 5, :now, :later)").bind("u", user).bind("id", UUID.randomUUID())
                .bind("now", java.sql.Timestamp.from(Instant.now()))
                .bind("later", java.sql.Timestamp.from(Instant.now().plusSeconds(600))).execute());
        service.json("GET", "/api/nothing", null);
        service.asUser(user, "GET", "/api/users/me", null);
        Response r = service.json("GET", "/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body())
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/internal/auth/users\"} [1-9]")
                .contains("uri=\"/api/users/me\"")
                .contains("status=\"404\",uri=\"UNMATCHED\"")
                .contains("http_server_requests_seconds_bucket")
                .containsPattern("creditline_ledger_grants_total\\{reason=\"signup_bonus\"} [1-9]")
                .containsPattern("creditline_ledger_credits_granted_credits_total\\{reason=\"signup_bonus\"} [1-9]")
                .containsPattern("creditline_holds_open [1-9]")
                .contains("hikaricp_connections_active{pool=\"creditline\"}")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("process_uptime_seconds");
    }

    @Test
    void invalid_values_refuse_start_up_with_a_message_naming_the_variable() {
        assertThatThrownBy(() -> Config.from(Map.of("AUTH_SECRET", "too-short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTH_SECRET").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Config.from(Map.of("SERVICE_SECRET", "x".repeat(31))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SERVICE_SECRET");
        assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "mysql://db/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "postgresql://host-without-db")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> Config.from(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LOG_FORMAT");
        assertThatThrownBy(() -> Config.from(Map.of("PORT", "http")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
        assertThat(Config.from(Map.of("AUTH_SECRET", "x".repeat(32))).authSecrets()).hasSize(1);
    }

    private static JsonNode parse(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(s, e);
        }
    }
}
