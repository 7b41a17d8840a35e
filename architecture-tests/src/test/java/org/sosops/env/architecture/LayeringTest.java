package org.sosops.env.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The arrows of DESIGN.md: modules point down only, and no package cycles anywhere. */
class LayeringTest {
    private static final String CORE = "org.sosops.env.core..";
    private static final String FLAGS = "org.sosops.env.flags..";
    private static final String OPENFEATURE = "org.sosops.env.openfeature..";
    private static final String WEBHOOKS = "org.sosops.env.webhooks..";
    private static final String PROMOTION = "org.sosops.env.promotion..";
    private static final String TESTING = "org.sosops.env.testing..";
    private static final String CLI = "org.sosops.env.cli..";
    private static final String SERVLET = "org.sosops.env.servlet..";
    private static final String SPRING = "org.sosops.env.spring..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // The reactor hands the modules over as jars, so jars are imported; only our packages count.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sosops.env");
    }

    @Test
    void coreKnowsNothingOfTheModulesThatPlugIntoIt() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(FLAGS, OPENFEATURE, WEBHOOKS, PROMOTION, TESTING, CLI,
                        SERVLET, SPRING)
                .check(classes);
    }

    @Test
    void featureModulesDoNotDependOnEachOtherOrOnTheCommandLine() {
        noClasses().that().resideInAPackage(FLAGS)
                .should().dependOnClassesThat().resideInAnyPackage(WEBHOOKS, PROMOTION, OPENFEATURE, TESTING, CLI,
                        SERVLET, SPRING)
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(WEBHOOKS)
                .should().dependOnClassesThat().resideInAnyPackage(FLAGS, PROMOTION, OPENFEATURE, TESTING, CLI,
                        SERVLET, SPRING)
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(PROMOTION)
                .should().dependOnClassesThat().resideInAnyPackage(FLAGS, WEBHOOKS, OPENFEATURE, TESTING, CLI,
                        SERVLET, SPRING)
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(OPENFEATURE)
                .should().dependOnClassesThat().resideInAnyPackage(WEBHOOKS, PROMOTION, TESTING, CLI, SERVLET, SPRING)
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void theServletFilterSitsOnTheWebhooksAndCoreOnly() {
        noClasses().that().resideInAPackage(SERVLET)
                .should().dependOnClassesThat().resideInAnyPackage(FLAGS, PROMOTION, OPENFEATURE, TESTING, CLI, SPRING,
                        "org.springframework..")
                .check(classes);
    }

    @Test
    void theSpringStarterUsesLibraryModulesButNeverTheTestKitOrTheCommandLine() {
        noClasses().that().resideInAPackage(SPRING)
                .should().dependOnClassesThat().resideInAnyPackage(TESTING, CLI)
                .check(classes);
    }

    @Test
    void onlyTheStarterKnowsSpring() {
        noClasses().that().resideOutsideOfPackage(SPRING)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void nothingButTheCommandLineDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .check(classes);
    }

    @Test
    void libraryModulesLogThroughSlf4jApiOnlyAndCarryNoCommandLineOrBindingClasses() {
        noClasses().that().resideInAnyPackage(CORE, FLAGS, OPENFEATURE, WEBHOOKS, PROMOTION, TESTING, SERVLET, SPRING)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.slf4j.simple..", "org.slf4j.impl..", "ch.qos.logback..", "org.apache.logging.log4j..",
                        "java.util.logging..", "picocli..")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.sosops.env.(**)").should().beFreeOfCycles().check(classes);
    }
}
