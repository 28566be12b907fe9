package dev.creditline.rest.auth;

import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks a shared-secret header in constant time (api.md "Authentication"). An unset or empty
 * secret disables the endpoints: 503 naming the setting (lesson 24). A missing or wrong
 * header: 401 (lesson 21).
 */
abstract class SharedSecretFilter implements ContainerRequestFilter {

    private final String header;
    private final String setting;
    private final String feature;
    private final byte[] secret;

    /**
     * @param header  request header carrying the secret
     * @param setting environment variable that configures it, for the 503 detail
     * @param feature what the secret guards, for the 503 detail
     * @param secret  the configured secret; empty or blank disables
     */
    SharedSecretFilter(String header, String setting, String feature, Optional<String> secret) {
        this.header = header;
        this.setting = setting;
        this.feature = feature;
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (secret == null) {
            throw ApiProblem.notConfigured(setting, feature);
        }
        String given = request.getHeaderString(header);
        if (given == null || given.isEmpty()) {
            throw new ApiProblem(401, "AUTHENTICATION_REQUIRED", "Unauthorized", "Missing " + header + " header.");
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(401, "INVALID_CREDENTIALS", "Unauthorized", "Wrong " + header + " header.");
        }
    }
}
