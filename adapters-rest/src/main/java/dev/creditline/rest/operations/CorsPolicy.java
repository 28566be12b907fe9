package dev.creditline.rest.operations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may call the API and which paths never answer cross-origin.
 *
 * <p>Allowed origins come from {@code FRONTEND_URL} (a comma-separated list of
 * {@code scheme://host[:port]}); when it names no production origin (unset, or only
 * localhost/127.0.0.1), {@code http://localhost:3000} is added for development
 * (auth-credits-billing-plan.md "CORS and Cookie Configuration"). Internal, admin, webhook
 * and metrics paths are closed: a request carrying an {@code Origin} header there is refused.
 *
 * @param allowedOrigins normalised origins ({@code scheme://host[:port]}, lower case, no default port)
 * @param closedPrefixes path prefixes (leading slash) that refuse cross-origin requests
 * @param anyLoopback    whether every loopback origin ({@code localhost}, {@code 127.0.0.1},
 *                       {@code [::1]}, any port) is allowed too: dev mode, where front ends run on
 *                       whatever port their tool picks
 */
public record CorsPolicy(Set<String> allowedOrigins, List<String> closedPrefixes, boolean anyLoopback) {

    /** The development origin added when no production origin is configured. */
    public static final String DEV_ORIGIN = "http://localhost:3000";

    /** Paths that never answer cross-origin (api.md "Authentication": internal, admin, webhook; plus metrics). */
    public static final List<String> CLOSED_PREFIXES = List.of(
            "/api/internal/", "/api/admin/", "/api/user/admin/", "/api/user/recalculate-stats",
            "/api/user/cleanup-daily-stats", "/api/billing/webhook", "/metrics");

    public CorsPolicy {
        allowedOrigins = Set.copyOf(allowedOrigins);
        closedPrefixes = List.copyOf(closedPrefixes);
    }

    /** A policy allowing exactly {@code allowedOrigins}. */
    public CorsPolicy(Set<String> allowedOrigins, List<String> closedPrefixes) {
        this(allowedOrigins, closedPrefixes, false);
    }

    /** This policy, also allowing every loopback origin on any port (dev mode). */
    public CorsPolicy withAnyLoopback() {
        return new CorsPolicy(allowedOrigins, closedPrefixes, true);
    }

    /**
     * The policy for a {@code FRONTEND_URL} value (may be null or blank).
     *
     * @throws IllegalArgumentException naming the bad entry when one is not an http(s) origin
     */
    public static CorsPolicy fromFrontendUrl(String frontendUrl) {
        Set<String> origins = new LinkedHashSet<>();
        if (frontendUrl != null) {
            for (String part : frontendUrl.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    origins.add(origin(p));
                }
            }
        }
        boolean production = origins.stream().anyMatch(o -> !isLocal(o));
        if (!production) {
            origins.add(DEV_ORIGIN);
        }
        return new CorsPolicy(origins, CLOSED_PREFIXES);
    }

    /** Whether a browser on {@code origin} (the {@code Origin} header) may read answers. */
    public boolean allows(String origin) {
        try {
            String o = origin(origin);
            return allowedOrigins.contains(o) || anyLoopback && isLocal(o);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code path} (leading slash) refuses every cross-origin request. */
    public boolean isClosed(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return closedPrefixes.stream().anyMatch(prefix -> p.startsWith(prefix)
                || (prefix.endsWith("/") && p.equals(prefix.substring(0, prefix.length() - 1))));
    }

    /** The normalised origin of a URL ({@code scheme://host[:port]}); a trailing slash is allowed. */
    static String origin(String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty()) || u.getRawQuery() != null
                    || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("'" + value + "' is not an origin like https://app.example.com");
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not an origin like https://app.example.com");
        }
    }

    private static boolean isLocal(String origin) {
        String host = URI.create(origin).getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
}
