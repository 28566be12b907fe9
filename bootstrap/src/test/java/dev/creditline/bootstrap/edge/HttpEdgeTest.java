package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge, on raw sockets (java.net.http refuses such requests): malformed URLs are
 * problem+json 400s with a request id, and a body on a method without one never desynchronises
 * the connection (docs/api.md "Input robustness").
 */
@DatabaseTest
class HttpEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyMalformedUrlIsAProblemJson400WithARequestId() throws Exception {
        List<String> targets = List.of("/health?x=%G1", "/health?x=%", "/health?x=%4", "/api/internal/auth/users/%G1",
                "/health/{x}", "/health/}", "/health/|", "/health/{", "/api/credits/balance?from=%zz", "/%",
                "/api/users/me%", "/api/internal/auth/users?email=a%G1b");
        for (String target : targets) {
            RawHttp.Exchange e = RawHttp.send(service.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Adapter-Secret: " + TestService.ADAPTER_SECRET + "\r\nConnection: close\r\n\r\n", 5000);
            assertThat(e.status()).as(target + ": " + e.text()).isEqualTo(400);
            assertThat(e.header("Content-Type")).as(target).startsWith("application/problem+json");
            JsonNode body = JSON.readTree(e.body());
            assertThat(body.path("code").asText()).as(target).isEqualTo("MALFORMED_URL");
            assertThat(body.path("status").asInt()).isEqualTo(400);
            assertThat(body.path("requestId").asText()).as(target).isNotBlank().isEqualTo(e.header("X-Request-Id"));
        }
    }

    @Test
    void aMalformedUrlKeepsTheCallersRequestId() throws Exception {
        RawHttp.Exchange e = RawHttp.send(service.port(), "GET /health/{x} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Request-Id: edge-test-1\r\nConnection: close\r\n\r\n", 5000);
        assertThat(e.status()).isEqualTo(400);
        assertThat(JSON.readTree(e.body()).path("requestId").asText()).isEqualTo("edge-test-1");
    }

    @Test
    void aBodyOnTraceIsNeverAnsweredAsTheNextRequest() throws Exception {
        String email = "smuggled-" + System.nanoTime() + "@example.com";
        String json = "{\"email\":\"" + email + "\"}";
        String smuggled = "POST /api/internal/auth/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Adapter-Secret: " + TestService.ADAPTER_SECRET + "\r\nContent-Length: " + json.length() + "\r\n\r\n"
                + json;
        RawHttp.Exchange e = RawHttp.send(service.port(), "TRACE /ready HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + smuggled.length() + "\r\n\r\n" + smuggled, 5000);
        assertThat(e.responses()).as(e.text()).isEqualTo(1);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(e.body()).path("code").asText()).isEqualTo("UNTRUSTED_FRAMING");
        assertThat(e.closedByServer()).as("the connection is closed").isTrue();
        Thread.sleep(300); // real time: proving a negative, a smuggled request would run on a server thread by now
        assertThat(service.count("users WHERE email = '" + email + "'")).as("the smuggled write never ran").isZero();
    }

    @Test
    void aBodyOnGetHeadOrDeleteIsReadSoTheConnectionStaysInSync() throws Exception {
        for (String method : List.of("GET", "HEAD", "DELETE")) {
            String smuggled = "GET /health?smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            RawHttp.Exchange e = RawHttp.send(service.port(), method + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled, 3000);
            assertThat(e.responses()).as(method + ": " + e.text()).isEqualTo(1);
            assertThat(e.status()).as(method).isLessThan(500);
            // A real next request on the same connection is still answered.
            RawHttp.Exchange two = RawHttp.send(service.port(), method + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 5\r\n\r\nhello" + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    5000);
            assertThat(two.responses()).as(method + ": " + two.text()).isEqualTo(2);
        }
    }
}
