package dev.creditline.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagonal layout of docs/architecture.md, checked on the production
 * classes of every module (test classes and test-jars are not imported): the domain is pure
 * Java, the application sees only the domain, services see only ports and the domain, inbound
 * and outbound ports do not see each other, adapters never see each other and reach the
 * application only through its ports, and only bootstrap sees everything.
 */
class ArchitectureTest {

    private static final String BASE = "dev.creditline";
    private static final String DOMAIN = BASE + ".domain..";
    private static final String APPLICATION = BASE + ".application..";
    private static final String PERSISTENCE = BASE + ".persistence..";
    private static final String STRIPE = BASE + ".stripe..";
    private static final String REST = BASE + ".rest..";
    private static final String BOOTSTRAP = BASE + ".bootstrap..";
    private static final String PORT_IN = BASE + ".application.port.in..";
    private static final String PORT_OUT = BASE + ".application.port.out..";

    /** Test classes in directories (DO_NOT_INCLUDE_TESTS) and in test-jars ({@code *-tests.jar}). */
    private static final ImportOption NO_TEST_JARS = location -> !location.contains("-tests.jar")
            && !location.contains("/test-classes/");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(NO_TEST_JARS)
                .importPackages(BASE);
    }

    @Test
    void every_module_is_imported_and_no_test_code() {
        for (String pkg : new String[] {"domain", "application", "persistence", "stripe", "rest", "bootstrap"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(BASE + "." + pkg)))
                    .as(pkg).isTrue();
        }
        assertThat(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")
                || c.getPackageName().endsWith(".testing"))).isTrue();
    }

    @Test
    void the_domain_depends_on_nothing_outside_the_jdk() {
        ArchRule rule = classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                .because("the domain is pure Java without dependencies");
        rule.check(classes);
    }

    @Test
    void the_application_depends_only_on_the_domain_and_the_jdk() {
        ArchRule rule = classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..")
                .because("use cases and ports know no framework and no adapter");
        rule.check(classes);
    }

    @Test
    void services_depend_only_on_ports_and_the_domain() {
        ArchRule rule = classes().that().resideInAPackage(BASE + ".application.service..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".application.service..",
                        BASE + ".application.port..", DOMAIN, "java..")
                .because("services implement use cases using only ports and the domain");
        rule.check(classes);
    }

    @Test
    void the_persistence_adapter_does_not_depend_on_other_adapters() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage(STRIPE, REST)
                .because("adapters never depend on each other").check(classes);
    }

    @Test
    void the_stripe_adapter_does_not_depend_on_other_adapters() {
        noClasses().that().resideInAPackage(STRIPE)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, REST)
                .because("adapters never depend on each other").check(classes);
    }

    @Test
    void the_rest_adapter_does_not_depend_on_other_adapters() {
        noClasses().that().resideInAPackage(REST)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, STRIPE)
                .because("adapters never depend on each other").check(classes);
    }

    /**
     * Inbound ports (use cases) and outbound ports (what the services need) do not know each
     * other: values both sides speak of are domain types (the answer stored under an idempotency
     * key is the domain's {@code IdempotentOutcome}).
     */
    @Test
    void inbound_and_outbound_ports_do_not_depend_on_each_other() {
        noClasses().that().resideInAPackage(PORT_IN)
                .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
                .because("use cases and outbound ports meet only in services and the domain").check(classes);
        noClasses().that().resideInAPackage(PORT_OUT)
                .should().dependOnClassesThat().resideInAPackage(PORT_IN)
                .because("use cases and outbound ports meet only in services and the domain").check(classes);
    }

    @Test
    void adapters_reach_the_application_only_through_ports() {
        noClasses().that().resideInAnyPackage(PERSISTENCE, STRIPE, REST)
                .should().dependOnClassesThat().resideInAPackage(BASE + ".application.service..")
                .because("an adapter implements or calls a port; only bootstrap wires services").check(classes);
    }

    @Test
    void only_bootstrap_depends_on_bootstrap() {
        noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
                .because("only the composition root sees everything").check(classes);
    }
}
