package dev.creditline.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location from {@code DATABASE_URL}: either {@code postgresql://user:pass@host:port/db}
 * (also {@code postgres://}) or a JDBC URL {@code jdbc:postgresql://host:port/db?user=..&password=..}.
 *
 * @param jdbcUrl  the JDBC URL without credentials for the first form, as given for the second
 * @param user     the user, or null to let the driver take it from the JDBC URL
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /** @throws ConfigException naming {@code DATABASE_URL} when the value is malformed */
    public static DatabaseUrl parse(String value) {
        return parse("DATABASE_URL", value);
    }

    /**
     * Parses the value of variable {@code name} ({@code DATABASE_URL}, {@code DATABASE_READ_URL}).
     *
     * @throws ConfigException naming {@code name} when the value is malformed
     */
    public static DatabaseUrl parse(String name, String value) {
        String v = value.trim();
        if (v.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(v, null, null);
        }
        if (!v.startsWith("postgresql://") && !v.startsWith("postgres://")) {
            throw new ConfigException(name + " must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        try {
            URI uri = new URI(v);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new ConfigException(name + " must name a host and a database: postgresql://user:pass@host:5432/db");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query,
                    user, password);
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is not a valid URL: " + e.getReason());
        }
    }
}
