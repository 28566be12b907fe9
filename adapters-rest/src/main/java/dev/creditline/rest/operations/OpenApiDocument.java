package dev.creditline.rest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Configuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The OpenAPI 3.1 document of the running service, assembled from {@code openapi/base.json}
 * (info, security schemes, shared schemas and problem responses) and one fragment per
 * enabled feature, {@code openapi/paths/<feature>.json}, each holding {@code paths} and
 * optionally {@code components} and {@code tags}. A feature enables its fragment from its
 * own wiring with {@link #include(ResourceConfig, String)}, so adding a feature edits no
 * shared file. Fragments for features not yet merged wait in {@code openapi/pending/}
 * (docs/operations.md "OpenAPI").
 */
public final class OpenApiDocument {

    /** Prefix of the ResourceConfig properties naming fragments; the rest of the key is the feature. */
    public static final String FRAGMENT_PROPERTY_PREFIX = "creditline.openapi.fragment.";
    /** The shared part of the document. */
    public static final String BASE = "openapi/base.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    /** Enables the fragment {@code openapi/paths/<feature>.json} on {@code rc}. */
    public static void include(ResourceConfig rc, String feature) {
        rc.property(FRAGMENT_PROPERTY_PREFIX + feature, fragmentPath(feature));
    }

    /** The classpath location of an enabled feature's fragment. */
    public static String fragmentPath(String feature) {
        return "openapi/paths/" + feature + ".json";
    }

    /** The fragments enabled on a Jersey configuration, ordered by feature name. */
    public static List<String> fragments(Map<String, Object> properties) {
        Map<String, String> byFeature = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(FRAGMENT_PROPERTY_PREFIX)) {
                byFeature.put(k.substring(FRAGMENT_PROPERTY_PREFIX.length()), v.toString());
            }
        });
        return List.copyOf(byFeature.values());
    }

    /** The document for the fragments enabled on {@code config}. */
    public static ObjectNode of(Configuration config) {
        return assemble(fragments(config.getProperties()));
    }

    /**
     * Merges the base document with the given classpath fragments.
     *
     * @throws IllegalStateException when a fragment is missing, is not JSON, documents an operation
     *                               already documented, or redefines a component differently
     */
    public static ObjectNode assemble(List<String> fragmentResources) {
        ObjectNode doc = (ObjectNode) read(BASE);
        ObjectNode paths = doc.withObject("/paths");
        for (String resource : fragmentResources) {
            JsonNode fragment = read(resource);
            for (Iterator<Map.Entry<String, JsonNode>> it = fragment.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode path = paths.withObject("/" + e.getKey().replace("~", "~0").replace("/", "~1"));
                // Features may share a path (GET/PUT /api/users/me in core, DELETE in billing), never an operation.
                for (Iterator<Map.Entry<String, JsonNode>> ops = e.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> o = ops.next();
                    if (path.has(o.getKey()) && !path.get(o.getKey()).equals(o.getValue())) {
                        throw new IllegalStateException(resource + " documents " + o.getKey() + " " + e.getKey() + " again");
                    }
                    path.set(o.getKey(), o.getValue());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fragment.path("components").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> section = it.next();
                ObjectNode target = doc.withObject("/components").withObject("/" + section.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> c = section.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> comp = c.next();
                    if (target.has(comp.getKey()) && !target.get(comp.getKey()).equals(comp.getValue())) {
                        throw new IllegalStateException(resource + " redefines components/" + section.getKey()
                                + "/" + comp.getKey());
                    }
                    target.set(comp.getKey(), comp.getValue());
                }
            }
            if (fragment.has("tags")) {
                ArrayNode tags = doc.withArray("/tags");
                List<String> known = new ArrayList<>();
                tags.forEach(t -> known.add(t.path("name").asText()));
                fragment.get("tags").forEach(t -> {
                    if (!known.contains(t.path("name").asText())) {
                        tags.add(t);
                    }
                });
            }
        }
        return doc;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI fragment " + resource + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenAPI fragment " + resource + " is not valid JSON", e);
        }
    }
}
