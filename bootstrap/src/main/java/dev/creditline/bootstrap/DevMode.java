package dev.creditline.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code creditline dev}: the service on a laptop with nothing to configure.
 *
 * <ul>
 *   <li>Refuses a non-loopback {@code HOST} or a {@code DATABASE_URL} unless forced: dev mode
 *       hands out generated credentials and a ready token, which must not reach a shared
 *       network or a real database by accident. {@code HOST} defaults to {@code 127.0.0.1}.</li>
 *   <li>Every missing secret ({@link #SECRETS}) is generated once (32 random bytes, base64url)
 *       into {@code <DATA_DIR>/dev-secrets.env} (created with mode 600) and read from there on
 *       the next start. A secret set in the environment wins and is not written. Log lines
 *       name a secret only by its first 4 characters.</li>
 *   <li>Browsers on any loopback origin ({@code http://localhost:<any port>}) may call the
 *       API (CORS); the Stripe webhook is enabled with the generated {@code whsec_} secret.</li>
 *   <li>After start, the demo user {@value #DEMO_EMAIL} is created through the adapter API
 *       unless it exists, and a block is printed to stdout (not logged): the {@code export}
 *       lines, a bearer token for the demo user (HS256 over {@code AUTH_SECRET}, valid
 *       {@link #TOKEN_TTL}) and three curl commands that work as pasted.</li>
 * </ul>
 */
public final class DevMode {

    /**
     * Environment key the {@code dev} command adds (and every other command removes), so only
     * {@code creditline dev} turns dev behaviour on in the wiring.
     */
    public static final String MARKER = "CREDITLINE_DEV_MODE";
    /** Secrets dev mode provides when they are not in the environment. */
    public static final List<String> SECRETS = List.of("ADAPTER_SECRET", "SERVICE_SECRET", "AUTH_SECRET",
            "GUEST_SECRET", "STRIPE_WEBHOOK_SECRET");
    /** File under {@code DATA_DIR} that keeps the generated secrets. */
    public static final String SECRETS_FILE = "dev-secrets.env";
    /** The demo user's e-mail. */
    public static final String DEMO_EMAIL = "demo@example.com";
    /** How long the printed bearer token is valid. */
    public static final Duration TOKEN_TTL = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(DevMode.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevMode() {
    }

    /** Whether {@code env} (the configuration's environment) was prepared by {@link #environment}. */
    public static boolean isOn(Map<String, String> env) {
        return "true".equals(env.get(MARKER));
    }

    /**
     * The environment the service runs with in dev mode: {@code env} plus the dev defaults
     * ({@code HOST=127.0.0.1}), the generated or stored secrets and {@link #MARKER}.
     *
     * @param force start even with a non-loopback {@code HOST} or a {@code DATABASE_URL}
     * @throws ConfigException when refused (naming the variable and {@code --force}) or when the
     *                         secrets file cannot be read or written
     */
    public static Map<String, String> environment(Map<String, String> env, boolean force) {
        Map<String, String> out = new HashMap<>(env);
        Config.text(env, "DATABASE_URL").ifPresent(url -> {
            if (!force) {
                throw new ConfigException("dev mode refuses DATABASE_URL (it creates a demo user and hands out "
                        + "credentials); unset it to use the embedded database, or run 'dev --force'");
            }
        });
        String host = Config.text(env, "HOST").orElse("127.0.0.1");
        if (!isLoopback(host) && !force) {
            throw new ConfigException("dev mode refuses HOST=" + host + " (not a loopback address): dev mode hands "
                    + "out credentials, keep it on 127.0.0.1, or run 'dev --force'");
        }
        out.put("HOST", host);
        Path dataDir = Path.of(Config.text(env, "DATA_DIR").orElse("data"));
        Map<String, String> stored = loadOrCreateSecrets(dataDir.resolve(SECRETS_FILE), env);
        stored.forEach((name, value) -> {
            if (Config.text(env, name).isEmpty()) {
                out.put(name, value);
            }
        });
        out.put(MARKER, "true");
        return out;
    }

    /** Whether {@code host} is a loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}). */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // A literal address is parsed without a lookup; a name is resolved (every address must be loopback).
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Reads {@code file} ({@code NAME=value} lines) and appends a generated value for every
     * secret in {@link #SECRETS} that neither the file nor {@code env} has. The file is created
     * with mode 600 (owner read/write) where the file system supports POSIX permissions.
     */
    static Map<String, String> loadOrCreateSecrets(Path file, Map<String, String> env) {
        Map<String, String> secrets = new LinkedHashMap<>();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (!line.startsWith("#") && eq > 0) {
                        secrets.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            } else {
                createPrivate(file);
            }
            StringBuilder added = new StringBuilder();
            for (String name : SECRETS) {
                if (!secrets.containsKey(name) && Config.text(env, name).isEmpty()) {
                    String value = (name.equals("STRIPE_WEBHOOK_SECRET") ? "whsec_" : "") + randomSecret();
                    secrets.put(name, value);
                    added.append(name).append('=').append(value).append('\n');
                    LOG.info("dev mode: generated {} ({}…) into {}", name, value.substring(0, 4), file);
                }
            }
            if (!added.isEmpty()) {
                Files.writeString(file, added, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            return secrets;
        } catch (IOException e) {
            throw new ConfigException("dev mode could not read or write " + file + ": " + e.getMessage());
        }
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(rw));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another start: read by the caller on its next run, appended now
        }
        Files.writeString(file, "# Secrets generated by 'creditline dev'; delete this file to generate new ones.\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** 32 random bytes, base64url without padding (43 shell-safe characters). */
    static String randomSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * After the service listens: ensures the demo user exists (looked up by e-mail through the
     * adapter API, created when absent) and returns the block to print.
     *
     * @param port the port the service listens on
     * @throws IllegalStateException when the service does not answer as expected
     */
    public static String welcome(Config config, int port, Clock clock) {
        String host = DevMode.isLoopback(config.host()) ? config.host() : "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String base = "http://" + host + ":" + port;
        String adapterSecret = config.adapterSecret().orElseThrow();
        UUID userId = demoUser(base, adapterSecret);
        String token = bearerToken(userId, config.authSecrets().get(0), clock.instant());
        String serviceSecret = config.serviceSecret().orElseThrow();
        Map<String, String> env = config.env();
        StringBuilder b = new StringBuilder();
        b.append("\n==== Creditline dev mode: ").append(base).append(" (API reference: ").append(base)
                .append("/docs) ====\n");
        b.append("# Secrets (kept in ").append(config.dataDir().resolve(SECRETS_FILE)).append("), for your host app's .env or a shell:\n");
        b.append("export CREDITLINE_URL=").append(base).append('\n');
        for (String name : SECRETS) {
            b.append("export ").append(name).append('=').append(env.get(name)).append('\n');
        }
        b.append("# Bearer token of the demo user ").append(DEMO_EMAIL).append(" (valid ")
                .append(TOKEN_TTL.toHours()).append(" h):\n");
        b.append("export CREDITLINE_TOKEN=").append(token).append('\n');
        b.append("# Try it (each line works as pasted):\n");
        b.append("curl -s ").append(base).append("/api/users/me -H 'Authorization: Bearer ").append(token)
                .append("'\n");
        b.append("curl -s ").append(base).append("/api/credits/balance -H 'Authorization: Bearer ").append(token)
                .append("'\n");
        b.append("curl -s -X POST ").append(base).append("/api/internal/model-calls -H 'X-Service-Secret: ")
                .append(serviceSecret).append("' -H 'Content-Type: application/json' -d '{\"userId\":\"")
                .append(userId).append("\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1200,")
                .append("\"outputTokens\":350}}'\n");
        b.append("====\n");
        return b.toString();
    }

    /** An HS256 bearer token for {@code userId}: {@code sub}, {@code iat}, {@code exp} = now + {@link #TOKEN_TTL}. */
    static String bearerToken(UUID userId, String authSecret, Instant now) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(userId.toString()).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(TOKEN_TTL))).build());
            jwt.sign(new MACSigner(authSecret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the demo token", e);
        }
    }

    /** The demo user's id: found by e-mail, else created (a concurrent creation is found on retry). */
    private static UUID demoUser(String base, String adapterSecret) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int attempt = 0; attempt < 3; attempt++) {
            JsonNode found = call(http, HttpRequest.newBuilder(URI.create(base + "/api/internal/auth/users/by-email/"
                    + URLEncoder.encode(DEMO_EMAIL, StandardCharsets.UTF_8))).GET(), adapterSecret, 200);
            if (found != null && found.hasNonNull("id")) {
                return UUID.fromString(found.get("id").asText());
            }
            ObjectNode body = JSON.createObjectNode().put("email", DEMO_EMAIL).put("name", "Demo User");
            JsonNode created = call(http, HttpRequest.newBuilder(URI.create(base + "/api/internal/auth/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), adapterSecret, 201);
            if (created != null && created.hasNonNull("id")) {
                LOG.info("dev mode: created the demo user {}", DEMO_EMAIL);
                return UUID.fromString(created.get("id").asText());
            }
        }
        throw new IllegalStateException("dev mode could not create the demo user " + DEMO_EMAIL);
    }

    /** The JSON answer when the status is {@code expected}, else null (409 on a concurrent creation). */
    private static JsonNode call(HttpClient http, HttpRequest.Builder request, String adapterSecret, int expected) {
        try {
            HttpResponse<String> r = http.send(request.header("X-Adapter-Secret", adapterSecret)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == expected) {
                return JSON.readTree(r.body());
            }
            if (r.statusCode() == 409) {
                return null;
            }
            throw new IllegalStateException("dev mode: " + r.statusCode() + " from the adapter API: " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
