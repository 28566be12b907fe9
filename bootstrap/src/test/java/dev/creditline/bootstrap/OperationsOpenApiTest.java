package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.Database;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.rest.operations.OpenApiDocument;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} tells the truth: its operations are exactly the resource methods
 * Jersey registers (no undocumented endpoint, no documented ghost), and it passes the
 * swagger-parser OpenAPI 3.1 validation; so do the fragments waiting for unmerged features.
 */
@DatabaseTest
class OperationsOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    @AutoClose
    private static final TestService service = TestService.start();

    @Test
    void the_document_lists_exactly_the_registered_operations() throws Exception {
        JsonNode doc = service.json("GET", "/openapi.json", null).json();
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        assertThat(documented(doc)).isEqualTo(registered());
    }

    @Test
    void the_served_document_passes_the_openapi_linter() {
        String doc = service.json("GET", "/openapi.json", null).body();
        assertThat(lint(doc)).isEmpty();
    }

    @Test
    void every_operation_names_its_auth_scheme_request_id_header_and_problem_responses() {
        JsonNode doc = service.json("GET", "/openapi.json", null).json();
        forEachOperation(doc, (key, op) -> {
            assertThat(op.has("security")).as(key + " security").isTrue();
            JsonNode responses = op.get("responses");
            assertThat(responses.has("500")).as(key + " 500").isTrue();
            // Credentials that can be wrong answer 401; a Stripe signature that is wrong answers 400 (billing.md).
            boolean credentials = op.get("security").findValues("stripeSignature").isEmpty() && op.get("security").size() > 0;
            if (credentials) {
                assertThat(responses.has("401")).as(key + " 401").isTrue();
            }
            if (op.has("requestBody")) {
                assertThat(responses.has("400")).as(key + " 400").isTrue();
                assertThat(responses.has("413")).as(key + " 413").isTrue();
            }
            responses.fields().forEachRemaining(r -> {
                JsonNode resp = r.getValue().has("$ref")
                        ? doc.at("/components/responses/" + r.getValue().get("$ref").asText().replace("#/components/responses/", ""))
                        : r.getValue();
                assertThat(resp.isMissingNode()).as(key + " " + r.getKey() + " resolves").isFalse();
                assertThat(resp.path("headers").has("X-Request-Id")).as(key + " " + r.getKey() + " X-Request-Id").isTrue();
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(resp.path("content").has("application/problem+json")).as(key + " " + r.getKey()).isTrue();
                }
            });
        });
    }

    @Test
    void every_fragment_enabled_or_pending_assembles_into_one_valid_document() throws Exception {
        List<String> all = new ArrayList<>();
        all.addAll(fragmentsIn("openapi/paths"));
        all.addAll(fragmentsIn("openapi/pending"));
        assertThat(all).contains(OpenApiDocument.fragmentPath("core"), OpenApiDocument.fragmentPath("operations"));
        JsonNode doc = OpenApiDocument.assemble(all);
        assertThat(lint(JSON.writeValueAsString(doc))).isEmpty();
        // every feature's endpoints are written, wherever its fragment currently lives
        assertThat(documented(doc)).contains("POST /api/internal/model-calls", "POST /api/internal/holds/{id}/capture",
                "GET /api/internal/users/{id}/credit-check", "POST /api/guest/init", "GET /api/admin/ledger/verify",
                "POST /api/billing/webhook", "DELETE /api/users/me", "GET /api/users/profile",
                "GET /api/user/model-calls/export", "POST /api/user/recalculate-stats", "GET /api/users/me");
    }

    /** The JSON resources in a classpath folder, from a directory or a jar. */
    private List<String> fragmentsIn(String folder) throws Exception {
        URL url = getClass().getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        URI uri = url.toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                return list(fs.getPath("/" + folder), folder);
            }
        }
        return list(Path.of(uri), folder);
    }

    private static List<String> list(Path dir, String folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .map(n -> folder + "/" + n).toList();
        }
    }

    @Test
    void the_linter_catches_a_broken_document() {
        String broken = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"x\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{\"200\":{\"$ref\":\"#/components/responses/Missing\"}}}}}}";
        assertThat(lint(broken)).isNotEmpty();
    }

    private static List<String> lint(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getMessages() == null ? List.of() : result.getMessages();
    }

    /** "METHOD /path" for every resource method Jersey would serve, from the service's own wiring. */
    private static Set<String> registered() throws Exception {
        Set<String> ops = new TreeSet<>();
        EmbeddedPostgresSupport.TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        try (Database db = Database.open(t.jdbcUrl(), t.user(), t.password(), 2)) {
            db.migrate();
            Config config = Config.from(Map.of("ADAPTER_SECRET", TestService.ADAPTER_SECRET,
                    "SERVICE_SECRET", TestService.SERVICE_SECRET, "AUTH_SECRET", TestService.AUTH_SECRET));
            List<AutoCloseable> background = new ArrayList<>();
            ResourceConfig rc = Creditline.wire(config, db, Clock.systemUTC(), background);
            for (AutoCloseable c : background) {
                c.close();
            }
            List<Object> components = new ArrayList<>(rc.getInstances());
            components.addAll(rc.getClasses());
            for (Object c : components) {
                Class<?> type = c instanceof Class<?> k ? k : c.getClass();
                if (Resource.isAcceptable(type) && Resource.getPath(type) != null) {
                    collect(Resource.from(type), "", ops);
                }
            }
        }
        return ops;
    }

    private static void collect(Resource resource, String parent, Set<String> ops) {
        String path = (parent + "/" + (resource.getPath() == null ? "" : resource.getPath()))
                .replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}").replaceAll("/{2,}", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (ResourceMethod m : resource.getResourceMethods()) {
            ops.add(m.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, ops);
        }
    }

    private static Set<String> documented(JsonNode doc) {
        Set<String> ops = new TreeSet<>();
        forEachOperation(doc, (key, op) -> ops.add(key));
        return ops;
    }

    private static void forEachOperation(JsonNode doc, java.util.function.BiConsumer<String, JsonNode> action) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fields().forEachRemaining(o -> {
                if (HTTP_METHODS.contains(o.getKey())) {
                    action.accept(o.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), o.getValue());
                }
            });
        }
    }
}
