package org.sosops.env.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No library jar forces a database driver, an embedded database or a logging binding on a host.
 * The build's enforcer rule checks every module's compile and runtime dependencies, transitively;
 * these tests make sure no library module can switch that rule off, and that library code never
 * names a driver class (a host without that driver would hit NoClassDefFoundError).
 */
class HostClasspathTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern SKIP = Pattern.compile("<sosops\\.host-classpath\\.skip>\\s*true\\s*</sosops\\.host-classpath\\.skip>");

    /** Applications: they pick drivers and bindings. Everything else in the reactor is a library. */
    private static boolean isApplication(String module) {
        return module.equals("sosops-env-cli") || module.equals("architecture-tests") || module.equals("benchmarks")
                || module.startsWith("examples/");
    }

    @Test
    void onlyApplicationsMaySkipTheHostClasspathRule() throws IOException {
        List<String> skipping = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        for (String module : modules()) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            if (SKIP.matcher(Files.readString(pom)).find()) {
                skipping.add(module);
            }
            if (!isApplication(module)) {
                libraries.add(module);
            }
        }
        assertThat(libraries).contains("sosops-env-core", "sosops-env-webhooks", "sosops-env-flags", "sosops-env-promotion");
        assertThat(skipping).allMatch(HostClasspathTest::isApplication,
                "only an application module sets sosops.host-classpath.skip to true");
    }

    @Test
    void theParentEnforcesTheRuleByDefaultAndBansDriversAndBindings() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(parent).contains("<sosops.host-classpath.skip>false</sosops.host-classpath.skip>");
        assertThat(parent).contains("<skip>${sosops.host-classpath.skip}</skip>", "<searchTransitive>true</searchTransitive>");
        for (String banned : List.of("org.postgresql:postgresql", "com.h2database:h2", "org.slf4j:slf4j-simple",
                "ch.qos.logback:logback-classic", "org.apache.logging.log4j:log4j-slf4j2-impl")) {
            assertThat(parent).contains("<exclude>" + banned + ":*:*:compile</exclude>",
                    "<exclude>" + banned + ":*:*:runtime</exclude>");
        }
    }

    @Test
    void libraryCodeNamesNoDriverClass() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sosops.env");
        noClasses().that().resideInAPackage("org.sosops.env..")
                .and().resideOutsideOfPackage("org.sosops.env.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "org.postgresql..", "ch.qos.logback..")
                .because("a host without that driver would fail with NoClassDefFoundError on a path it does not use; "
                        + "go through javax.sql.DataSource (HikariCP builds pools from URLs)")
                .check(classes);
    }

    private static List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }
}
