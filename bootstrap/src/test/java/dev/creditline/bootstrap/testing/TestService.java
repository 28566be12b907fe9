package dev.creditline.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.creditline.bootstrap.Config;
import dev.creditline.bootstrap.Creditline;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A running Creditline on a fresh embedded database, with an HTTP/1.1 client (stack.md
 * gotcha 1) and helpers for the usual calls. One per test class; close it in {@code @AfterAll}.
 */
public final class TestService implements AutoCloseable {

    public static final String ADAPTER_SECRET = "test-adapter-secret-0123456789abcdef";
    public static final String SERVICE_SECRET = "test-service-secret-0123456789abcdef";
    public static final String AUTH_SECRET = "test-auth-secret-0123456789abcdef0123";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Creditline service;
    private final TestClock clock;
    private final HttpClient http;
    private final URI base;

    private TestService(Creditline service, TestClock clock) {
        this.service = service;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create("http://127.0.0.1:" + service.port());
    }

    /** Starts with the default test secrets. */
    public static TestService start() {
        return start(Map.of());
    }

    /**
     * Starts with the default test secrets, overridden or extended by {@code env}; a value of
     * "" removes a default.
     */
    public static TestService start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        if (!env.containsKey("DATABASE_URL")) {
            TestDatabase db = EmbeddedPostgresSupport.freshDatabase();
            all.put("DATABASE_URL", db.jdbcUrl() + "&password=" + db.password());
        }
        all.put("DATABASE_POOL_SIZE", "20");
        all.put("ADAPTER_SECRET", ADAPTER_SECRET);
        all.put("SERVICE_SECRET", SERVICE_SECRET);
        all.put("AUTH_SECRET", AUTH_SECRET);
        all.putAll(env);
        all.values().removeIf(String::isEmpty);
        TestClock clock = new TestClock();
        return new TestService(Creditline.start(Config.from(all), clock), clock);
    }

    /**
     * The service's clock: {@code clock().advance(Duration.ofDays(31))} moves "now" for every
     * service, token check and background worker of this service (not for PostgreSQL's
     * {@code now()}, which the service does not use for its rules).
     */
    public TestClock clock() {
        return clock;
    }

    /** Direct database access for assertions (and for arranging rows the API cannot make). */
    public Jdbi jdbi() {
        return service.database().jdbi();
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public int port() {
        return service.port();
    }

    /** A request builder for {@code path} with a 30 s timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends a request and parses a JSON body (if any). */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON request with optional headers given as name, value pairs. */
    public Response json(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** A call to the Auth.js adapter API with the adapter secret. */
    public Response adapter(String method, String path, String body) {
        return json(method, "/api/internal/auth" + path, body, "X-Adapter-Secret", ADAPTER_SECRET);
    }

    /** A call to an internal endpoint with the service secret. */
    public Response internal(String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Service-Secret";
        all[1] = SERVICE_SECRET;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return json(method, "/api/internal" + path, body, all);
    }

    /** A bearer call as {@code userId}, with a token issued at the service clock's "now". */
    public Response asUser(UUID userId, String method, String path, String body) {
        return json(method, path, body, "Authorization", "Bearer " + token(userId));
    }

    /** An HS256 bearer token for {@code userId}, valid for an hour from the service clock's "now". */
    public String token(UUID userId) {
        return tokenFor(userId, Map.of(), clock.instant());
    }

    /** Creates a user through the adapter API and returns its id. */
    public UUID createUser(String email) {
        Response r = adapter("POST", "/users", "{\"email\":\"" + email + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("creating a user failed: " + r.status() + " " + r.body());
        }
        return UUID.fromString(r.json().get("id").asText());
    }

    /** An HS256 bearer token for {@code userId}, valid for an hour. */
    public static String tokenFor(UUID userId) {
        return tokenFor(userId, Map.of());
    }

    /** An HS256 bearer token for {@code userId} with extra claims. */
    public static String tokenFor(UUID userId, Map<String, Object> claims) {
        return tokenFor(userId, claims, Instant.now());
    }

    private static String tokenFor(UUID userId, Map<String, Object> claims, Instant now) {
        try {
            JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().subject(userId.toString())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
            claims.forEach(c::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), c.build());
            jwt.sign(new MACSigner(AUTH_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row count of a table (or of a {@code table WHERE ...} clause). */
    public long count(String tableAndWhere) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + tableAndWhere).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        service.close();
    }

    /** An HTTP answer. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
