package dev.creditline.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the service reads from its environment (docs/configuration.md). Invalid values
 * refuse start-up with a {@link ConfigException} naming the variable.
 *
 * @param port               HTTP port ({@code PORT}, default 8080; 0 picks a free port)
 * @param host               bind address ({@code HOST}, default 0.0.0.0)
 * @param databaseUrl        {@code DATABASE_URL}; empty → embedded PostgreSQL under {@code dataDir}
 * @param poolSize           {@code DATABASE_POOL_SIZE}, default 10
 * @param dataDir            {@code DATA_DIR}, default {@code ./data}
 * @param adapterSecret      {@code ADAPTER_SECRET}; empty disables the Auth.js adapter API
 * @param serviceSecret      {@code SERVICE_SECRET}; empty disables the internal metering API
 * @param authSecrets        {@code AUTH_SECRET}, {@code AUTH_SECRET_1..3}, in that order, blanks dropped
 * @param adminEmails        {@code ADMIN_EMAILS}, comma-separated
 * @param signupBonusCredits {@code SIGNUP_BONUS_CREDITS}, default 10000
 * @param maxBodyBytes       {@code MAX_BODY_BYTES}, default 1 MiB
 * @param settings           every feature's settings, parsed once ({@link Settings})
 * @param env                the environment as given; features read {@code settings}, not this (the
 *                           {@code dev} command prints the secrets it put there)
 */
public record Config(int port, String host, Optional<String> databaseUrl, int poolSize, Path dataDir,
                     Optional<String> adapterSecret, Optional<String> serviceSecret, List<String> authSecrets,
                     Set<String> adminEmails, long signupBonusCredits, long maxBodyBytes, Settings settings,
                     Map<String, String> env) {

    /** Reads the configuration from {@code env} (normally {@link System#getenv()}). */
    public static Config from(Map<String, String> env) {
        ConfigValidation.check(env);
        List<String> authSecrets = new ArrayList<>();
        for (String name : List.of("AUTH_SECRET", "AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3")) {
            text(env, name).ifPresent(authSecrets::add);
        }
        return new Config(
                (int) number(env, "PORT", 8080, 0, 65535),
                text(env, "HOST").orElse("0.0.0.0"),
                text(env, "DATABASE_URL"),
                (int) number(env, "DATABASE_POOL_SIZE", 10, 1, 200),
                Path.of(text(env, "DATA_DIR").orElse("data")),
                text(env, "ADAPTER_SECRET"),
                text(env, "SERVICE_SECRET"),
                List.copyOf(authSecrets),
                text(env, "ADMIN_EMAILS").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                        .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of()),
                number(env, "SIGNUP_BONUS_CREDITS", 10_000, 0, 1_000_000_000_000L),
                number(env, "MAX_BODY_BYTES", 1 << 20, 1024, 64L << 20),
                Settings.from(env),
                Map.copyOf(env));
    }

    /**
     * The front end's main origin: the first entry of {@code FRONTEND_URL} (a comma-separated list
     * of origins for CORS), without a trailing slash; {@code http://localhost:3000} when unset.
     * Return URLs (Stripe Checkout, portal) and the guest cookie's {@code Secure} flag use it.
     */
    public static String primaryFrontendUrl(Map<String, String> env) {
        String first = text(env, "FRONTEND_URL").map(v -> v.split(",")[0].trim()).filter(v -> !v.isEmpty())
                .orElse("http://localhost:3000");
        return first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
    }

    /** A non-blank value, trimmed. */
    public static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * A whole number in {@code min..max}, or the default when unset.
     *
     * @throws ConfigException naming the variable when it is not such a number
     */
    public static long number(Map<String, String> env, String name, long defaultValue, long min, long max) {
        Optional<String> v = text(env, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + v.get() + "'");
        }
    }
}
