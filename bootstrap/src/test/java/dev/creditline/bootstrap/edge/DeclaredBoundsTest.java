package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} and behaviour agree: the cases are derived from the served document. For
 * every operation, every query parameter's declared {@code minimum}, {@code maximum} and
 * {@code enum} is crossed (400 problem+json naming the parameter), and every declared
 * {@code requestBody} refuses other media types (415 problem+json naming {@code Content-Type}).
 */
@DatabaseTest
class DeclaredBoundsTest {

    private static final String ADMIN_EMAIL = "bounds-admin@example.com";
    private static StripeStub stub;
    private static TestService service;
    private static UUID user;
    private static UUID admin;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        Map<String, String> env = new HashMap<>();
        env.put("STRIPE_SECRET_KEY", "sk_test_bounds");
        env.put("STRIPE_API_BASE", stub.baseUrl());
        env.put("STRIPE_WEBHOOK_SECRET", "whsec_test_bounds_0123456789");
        env.put("STRIPE_PRICE_PRO_MONTHLY", "price_pro_monthly_test");
        env.put("ADMIN_EMAILS", ADMIN_EMAIL);
        env.put("GUEST_SECRET", "test-guest-secret-bounds-0123456789abcdef");
        service = TestService.start(env);
        user = service.createUser("bounds-user@example.com");
        admin = service.createUser(ADMIN_EMAIL);
        doc = service.json("GET", "/openapi.json", null).json();
    }

    @AfterAll
    static void stop() {
        service.close();
        stub.close();
    }

    @Test
    void everyDeclaredParameterBoundIsEnforcedWith400NamingTheParameter() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Op op : operations()) {
            for (JsonNode p : op.node().path("parameters")) {
                JsonNode param = resolve(p);
                JsonNode schema = resolve(param.path("schema"));
                if (!"query".equals(param.path("in").asText())) {
                    continue;
                }
                String name = param.path("name").asText();
                List<String> outside = new ArrayList<>();
                if (schema.has("minimum")) {
                    outside.add(schema.get("minimum").decimalValue().subtract(BigDecimal.ONE).toPlainString());
                }
                if (schema.has("maximum")) {
                    outside.add(schema.get("maximum").decimalValue().add(BigDecimal.ONE).toPlainString());
                    outside.add("1000000");
                }
                if (schema.has("enum")) {
                    outside.add("not-a-declared-value");
                }
                for (String value : outside) {
                    cases++;
                    String path = op.concretePath() + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    Response r = send(op, path, null, null);
                    String where = op.method() + " " + path + " → " + r;
                    if (r.status() != 400 || r.contentType() == null
                            || !r.contentType().startsWith("application/problem+json")
                            || !name.equals(r.json().path("field").asText())) {
                        failures.add(where);
                    }
                }
            }
        }
        assertThat(cases).as("the document declares bounds").isGreaterThan(10);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyDeclaredRequestBodyRefusesOtherMediaTypesWith415() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Op op : operations()) {
            JsonNode content = resolve(op.node().path("requestBody")).path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                continue;
            }
            for (String type : List.of("text/plain", "multipart/form-data; boundary=x", "application/xml")) {
                if (content.has(type.split(";")[0])) {
                    continue;
                }
                cases++;
                Response r = send(op, op.concretePath(), type, "x");
                if (r.status() != 415 || r.contentType() == null
                        || !r.contentType().startsWith("application/problem+json")) {
                    failures.add(op.method() + " " + op.concretePath() + " as " + type + " → " + r);
                }
            }
        }
        assertThat(cases).as("the document declares request bodies").isGreaterThan(10);
        assertThat(failures).isEmpty();
    }

    // ---- the document ---------------------------------------------------------------------------

    private record Op(String method, String template, JsonNode node, List<String> security) {

        String concretePath() {
            return template.replaceAll("\\{id}", user.toString()).replaceAll("\\{[^}]+}", "x");
        }
    }

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> o = it.next();
                if (!o.getValue().isObject() || o.getKey().equals("parameters")) {
                    continue;
                }
                List<String> security = new ArrayList<>();
                o.getValue().path("security").forEach(req -> req.fieldNames().forEachRemaining(security::add));
                ops.add(new Op(o.getKey().toUpperCase(Locale.ROOT), p.getKey(), o.getValue(), security));
            }
        }
        return ops;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static Response send(Op op, String path, String contentType, String body) {
        HttpRequest.Builder b = service.request(path).method(op.method(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (op.security().contains("bearer")) {
            boolean asAdmin = op.template().contains("admin") || op.node().toString().contains("\"allUsers\"");
            b.header("Authorization", "Bearer " + TestService.tokenFor(asAdmin ? admin : user));
        } else if (op.security().contains("adapterSecret")) {
            b.header("X-Adapter-Secret", TestService.ADAPTER_SECRET);
        } else if (op.security().contains("serviceSecret")) {
            b.header("X-Service-Secret", TestService.SERVICE_SECRET);
        }
        b.header("Idempotency-Key", "bounds-" + UUID.randomUUID());
        return service.send(b.build());
    }
}
