package dev.creditline.persistence.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that needs PostgreSQL (an embedded one from {@link EmbeddedPostgresSupport},
 * usually through the bootstrap's {@code TestService}): JUnit tag {@value #TAG}. {@code ./mvnw verify}
 * runs every test; {@code ./mvnw verify -Pfast} leaves the tagged ones out (README "Development").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(DatabaseTest.TAG)
public @interface DatabaseTest {

    /** The JUnit tag of database-backed tests. */
    String TAG = "database";
}
