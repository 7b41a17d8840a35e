package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.register.RegisterEntry;

/** The samples under examples/ that the README and docs point at stay valid. */
class SampleFilesTest {
    /** Tests run in examples/reference-app; the samples live one level up. */
    private static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theApplicationsExceptionRegisterHasOnlyCompleteEntries() {
        ExceptionRegister register = ExceptionRegister.read(Path.of("RISKS_DECISIONS.md"));

        assertThat(register.entries()).hasSize(2);
        assertThat(register.entries()).allSatisfy(entry ->
                assertThat(entry.problems()).as(entry.reference()).isEmpty());
        assertThat(register.entries()).extracting(RegisterEntry::title)
                .allSatisfy(title -> assertThat(title).startsWith("RD-00"));
    }

    @Test
    void theSampleLocalEnvironmentStartsTheApplicationWithoutADatabaseServer() {
        Path localEnv = EXAMPLES.resolve("env/local.env");
        assertThat(Files.isRegularFile(localEnv)).isTrue();

        EnvironmentPolicy policy = EnvironmentPolicy.loader().envFile(localEnv)
                .processEnvironment(Map.of()).ignoreProcessSettings().load();

        assertThat(policy.environment().id()).isEqualTo("local");
        assertThat(policy.variables().isPresent("DATABASE_URL")).isFalse();
    }
}
