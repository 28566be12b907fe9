package dev.creditline.rest.operations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code type} of a Stripe webhook body for the
 * {@code creditline.webhook.events} metric and hands the exact same bytes on (the signature
 * covers the raw body). Runs after the body size limit. A type that is not a plain Stripe
 * event name is recorded as {@code other}, so a forged body cannot create metric series.
 */
@PreMatching
@Priority(4)
public final class WebhookEventTypeFilter implements ContainerRequestFilter {

    /** Request property holding the event type. */
    public static final String EVENT_TYPE = "creditline.webhook.eventType";
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,40}(\\.[a-z_]{1,40}){1,3}");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath(true);
        // Cheap test first: this runs for every POST, and only the webhook's path ends like this.
        if (!path.endsWith("webhook") || !SLASHES.matcher("/" + path).replaceAll("/").equals(RequestEvents.WEBHOOK_ROUTE)) {
            return;
        }
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        request.setProperty(EVENT_TYPE, typeOf(body));
    }

    static String typeOf(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "other";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                    String t = p.getText();
                    return EVENT_NAME.matcher(t).matches() ? t : "other";
                }
                p.skipChildren();
            }
            return "other";
        } catch (IOException e) {
            return "other";
        }
    }
}
