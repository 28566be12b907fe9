package dev.creditline.domain.event;

import dev.creditline.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The shape rules of a webhook endpoint URL (events.md "Delivery format"): an absolute
 * {@code https} URL with a host, no user info (credentials) and no fragment, at most 2,048
 * characters. Plain {@code http} only to a loopback host ({@code localhost}, {@code 127.0.0.0/8},
 * {@code [::1]}) and only when allowed ({@code ALLOW_HTTP_WEBHOOKS=true}). Whether the host
 * resolves and answers is the adapter's check.
 */
public final class WebhookUrls {

    /** Longest accepted URL. */
    public static final int MAX_LENGTH = 2048;

    private WebhookUrls() {
    }

    /**
     * Checks {@code url} and returns it parsed.
     *
     * @param field           the input's name for the error (e.g. {@code url})
     * @param allowHttpLoopback whether {@code http} to a loopback host is accepted
     * @throws ValidationException naming {@code field}
     */
    public static URI check(String field, String url, boolean allowHttpLoopback) {
        if (url == null || url.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!url.equals(url.strip()) || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new ValidationException(field, "must not contain spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ValidationException(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new ValidationException(field, "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException(field, "must not contain credentials (user info)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ValidationException(field, "must have a host name");
        }
        if (uri.getRawFragment() != null) {
            throw new ValidationException(field, "must not have a fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new ValidationException(field, "has an invalid port");
        }
        boolean loopback = isLoopbackName(uri.getHost());
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http")) {
            if (allowHttpLoopback && loopback) {
                return uri;
            }
            throw new ValidationException(field, allowHttpLoopback
                    ? "must use https (http only to a loopback host)"
                    : "must use https (http to loopback hosts needs ALLOW_HTTP_WEBHOOKS=true)");
        }
        throw new ValidationException(field, "must use https, not " + (scheme.isEmpty() ? "no scheme" : scheme + ":"));
    }

    /** Whether {@code host} names the loopback interface by name or literal address. */
    public static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
