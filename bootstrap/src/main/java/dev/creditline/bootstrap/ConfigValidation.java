package dev.creditline.bootstrap;

import dev.creditline.rest.operations.CorsPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Start-up checks of values that are set but unusable (docs/configuration.md): the service
 * refuses to start with a message naming the variable rather than failing later.
 */
final class ConfigValidation {

    /** Shared secrets that authenticate callers; each must be at least {@link #MIN_SECRET_BYTES} bytes. */
    static final List<String> SECRETS = List.of("ADAPTER_SECRET", "SERVICE_SECRET", "AUTH_SECRET", "AUTH_SECRET_1",
            "AUTH_SECRET_2", "AUTH_SECRET_3", "GUEST_SECRET");
    /** Shortest accepted secret, in UTF-8 bytes (HS256 keys need 256 bits). */
    static final int MIN_SECRET_BYTES = 32;

    private ConfigValidation() {
    }

    /** @throws ConfigException naming the first unusable variable */
    static void check(Map<String, String> env) {
        for (String name : SECRETS) {
            Config.text(env, name).ifPresent(v -> {
                int bytes = v.getBytes(StandardCharsets.UTF_8).length;
                if (bytes < MIN_SECRET_BYTES) {
                    throw new ConfigException(name + " must be at least " + MIN_SECRET_BYTES + " bytes long (was "
                            + bytes + "); generate one with: openssl rand -base64 32");
                }
            });
        }
        Config.text(env, "DATABASE_URL").ifPresent(DatabaseUrl::parse);
        Config.text(env, "FRONTEND_URL").ifPresent(v -> {
            try {
                CorsPolicy.fromFrontendUrl(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("FRONTEND_URL must be a comma-separated list of origins: " + e.getMessage());
            }
        });
        Config.text(env, "LOG_FORMAT").ifPresent(v -> {
            if (!v.equals("json") && !v.equals("text")) {
                throw new ConfigException("LOG_FORMAT must be json or text, was '" + v + "'");
            }
        });
    }
}
