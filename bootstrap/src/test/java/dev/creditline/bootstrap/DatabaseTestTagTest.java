package dev.creditline.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast suite ({@code ./mvnw verify -Pfast}) leaves out the tests tagged {@link DatabaseTest}:
 * every test class that starts a database, directly or through the service, must carry the tag,
 * or the fast suite would start PostgreSQL after all. Checked on the test classes of this module
 * and of the persistence test-jar.
 */
class DatabaseTestTagTest {

    /** Test support that starts or needs PostgreSQL. */
    private static final Set<String> DATABASE_SUPPORT = Set.of(
            "dev.creditline.bootstrap.testing.TestService",
            "dev.creditline.bootstrap.testing.StandbyPair",
            "dev.creditline.bootstrap.billing.BillingTestKit",
            "dev.creditline.persistence.testing.EmbeddedPostgresSupport",
            "dev.creditline.persistence.Database",
            "dev.creditline.bootstrap.Creditline",
            "dev.creditline.bootstrap.EmbeddedDatabase",
            "dev.creditline.bootstrap.Main",
            "dev.creditline.bootstrap.DevMode");

    private static final ImportOption TESTS_ONLY = location -> location.contains("/test-classes/")
            || location.contains("-tests.jar");

    @Test
    void every_test_class_that_uses_the_database_is_tagged_database() {
        JavaClasses tests = new ClassFileImporter().withImportOption(TESTS_ONLY).importPackages("dev.creditline");
        assertThat(tests.stream().filter(c -> c.getSimpleName().endsWith("Test"))).hasSizeGreaterThan(50);

        DescribedPredicate<JavaClass> usesTheDatabase = new DescribedPredicate<>("use the database") {
            @Override
            public boolean test(JavaClass c) {
                return c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> DATABASE_SUPPORT.contains(d.getTargetClass().getName()));
            }
        };
        classes().that().haveSimpleNameEndingWith("Test").and().areTopLevelClasses().and(usesTheDatabase)
                .should().beAnnotatedWith(DatabaseTest.class)
                .because("./mvnw verify -Pfast runs every test without the tag, in seconds and without PostgreSQL")
                .check(tests);
    }
}
