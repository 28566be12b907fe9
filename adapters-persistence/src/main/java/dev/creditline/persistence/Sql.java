package dev.creditline.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** SQL statements kept as classpath {@code .sql} files next to this package. */
final class Sql {

    private Sql() {
    }

    /**
     * The text of {@code dev/creditline/persistence/<name>}, read once by the caller's static field.
     *
     * @throws IllegalStateException when the file is missing from the jar (a build error)
     */
    static String load(String name) {
        try (InputStream in = Sql.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
