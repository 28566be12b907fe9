package dev.creditline.rest.operations;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The interactive API reference: {@code GET /docs} serves Swagger UI (from the
 * {@code org.webjars:swagger-ui} jar, every asset served here, nothing fetched from elsewhere)
 * pointed at {@code /openapi.json}; its "Authorize" button fills the document's security
 * schemes (bearer, adapter secret, service secret). {@code GET /} redirects (303) to it.
 * No authentication. The page's Content-Security-Policy allows only this origin.
 */
@Path("/")
public final class ApiReferenceResource {

    /** Where the webjar keeps Swagger UI's files (the version comes from the jar's Maven metadata). */
    static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** Our own files, served next to Swagger UI's. */
    private static final String OWN = "creditline/docs/";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "png", "image/png",
            "map", "application/json");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private final String webjarRoot;

    public ApiReferenceResource() {
        this.webjarRoot = WEBJAR + swaggerUiVersion() + "/";
    }

    /** {@code GET /} → 303 to {@code /docs}. */
    @GET
    public Response root() {
        return Response.seeOther(URI.create("/docs")).build();
    }

    /** {@code GET /docs}: the reference page (HTML). */
    @GET
    @Path("docs")
    public Response page() {
        return file(OWN + "index.html", "html", "no-cache");
    }

    /**
     * {@code GET /docs/{asset}}: a file of Swagger UI ({@code swagger-ui.css}, {@code swagger-ui-bundle.js}, …)
     * or of the page ({@code creditline-docs.js}); 404 problem for any other name.
     */
    @GET
    @Path("docs/{asset}")
    public Response asset(@PathParam("asset") String asset) {
        if (!ASSET.matcher(asset).matches()) {
            throw new NotFoundException();
        }
        String ext = asset.substring(asset.lastIndexOf('.') + 1);
        if (!TYPES.containsKey(ext)) {
            throw new NotFoundException();
        }
        String own = OWN + asset;
        String resource = getClass().getClassLoader().getResource(own) != null ? own : webjarRoot + asset;
        return file(resource, ext, "public, max-age=3600");
    }

    private Response file(String resource, String ext, String cacheControl) {
        InputStream in = getClass().getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new NotFoundException();
        }
        try (in) {
            return Response.ok(in.readAllBytes(), TYPES.get(ext))
                    .header("Cache-Control", cacheControl)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", CSP)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Swagger UI version on the classpath, from the webjar's Maven metadata. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiReferenceResource.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
