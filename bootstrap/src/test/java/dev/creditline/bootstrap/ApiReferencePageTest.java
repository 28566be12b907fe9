package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.net.http.HttpRequest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /docs} (Swagger UI from the webjar over {@code /openapi.json}) and {@code GET /}:
 * the page and every asset it references (transitively through its script) answer 200 with
 * the right content type from this service; nothing points elsewhere.
 */
@DatabaseTest
class ApiReferencePageTest {

    private static final TestService service = TestService.start();
    private static final Map<String, String> TYPES = Map.of("css", "text/css", "js", "text/javascript",
            "png", "image/png", "json", "application/json");

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void root_redirects_to_the_reference() {
        Response r = service.send(service.request("/").GET().build());
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.raw().headers().firstValue("Location").orElseThrow()).endsWith("/docs");
    }

    @Test
    void the_page_and_every_asset_it_references_answer_200_with_their_content_type() {
        Response page = service.send(service.request("/docs").GET().build());
        assertThat(page.status()).isEqualTo(200);
        assertThat(contentType(page)).startsWith("text/html");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");

        Set<String> assets = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"]+)\"").matcher(page.body());
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/creditline-docs.js");
        Set<String> scriptUrls = new LinkedHashSet<>();
        for (String asset : assets) {
            assertThat(asset).as("served by this service").startsWith("/");
            Response r = service.send(service.request(asset).GET().build());
            assertThat(r.status()).as(asset).isEqualTo(200);
            String ext = asset.substring(asset.lastIndexOf('.') + 1);
            assertThat(contentType(r)).as(asset).startsWith(TYPES.get(ext));
            assertThat(r.raw().headers().firstValue("X-Content-Type-Options")).as(asset).contains("nosniff");
            if (asset.equals("/docs/creditline-docs.js")) {
                Matcher u = Pattern.compile("url: \"([^\"]+)\"").matcher(r.body());
                while (u.find()) {
                    scriptUrls.add(u.group(1));
                }
            }
        }
        // the page's script loads the OpenAPI document from this service
        assertThat(scriptUrls).containsExactly("/openapi.json");
        Response doc = service.send(service.request("/openapi.json").GET().build());
        assertThat(doc.status()).isEqualTo(200);
        assertThat(contentType(doc)).startsWith("application/json");
        assertThat(doc.json().at("/components/securitySchemes").fieldNames()).toIterable()
                .contains("bearer", "adapterSecret", "serviceSecret");
    }

    @Test
    void unknown_or_odd_asset_names_are_404_problems() {
        for (String path : new String[] {"/docs/nope.js", "/docs/..%2Fpom.xml", "/docs/swagger-ui.css.bak",
                "/docs/index.html%00", "/docs/.hidden.js", "/docs/" + "a".repeat(300) + ".js"}) {
            Response r = service.send(service.request(path).GET().build());
            assertThat(r.status()).as(path).isBetween(400, 404);
            assertThat(contentType(r)).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void the_page_can_try_out_internal_endpoints_same_origin_but_other_origins_stay_refused() {
        String self = "http://127.0.0.1:" + service.port();
        HttpRequest sameOrigin = service.request("/api/internal/auth/users/by-email/nobody@example.com")
                .header("Origin", self).header("X-Adapter-Secret", TestService.ADAPTER_SECRET).GET().build();
        Response r = service.send(sameOrigin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("null");
        HttpRequest crossOrigin = service.request("/api/internal/auth/users/by-email/nobody@example.com")
                .header("Origin", "http://127.0.0.1:" + (service.port() + 1))
                .header("X-Adapter-Secret", TestService.ADAPTER_SECRET).GET().build();
        assertThat(service.send(crossOrigin).status()).isEqualTo(403);
        // same origin still needs the credentials
        HttpRequest noSecret = service.request("/api/internal/auth/users/by-email/nobody@example.com")
                .header("Origin", self).GET().build();
        assertThat(service.send(noSecret).status()).isEqualTo(401);
    }

    private static String contentType(Response r) {
        return r.raw().headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

}
