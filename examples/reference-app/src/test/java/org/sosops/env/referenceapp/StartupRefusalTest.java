package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application validates its environment through the core and refuses a bad one, explaining why. */
class StartupRefusalTest {
    private static final String TWILIO_TOKEN = "not-hex-but-quite-secret-token-value-123";

    @TempDir
    Path dataDir;

    @Test
    void aFailingPolicyRefusesToStartWithEveryProblemAndExitCode1() {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("APP_ENV", "staging");
        variables.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Launch launch = Main.launch(TestEnvironments.loader(variables), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launch).isEqualTo(new Launch.Refused(1));
        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("refusing to start")
                .contains("[required-missing]").contains("DATABASE_URL")
                .contains("[value-invalid]").contains("APP_URL must use https")
                .contains("TWILIO_AUTH_TOKEN");
        assertThat(report).doesNotContain(TWILIO_TOKEN).doesNotContain(variables.get("AUTH_SECRET"));
    }

    @Test
    void anUnusablePortRefusesToStartWithExitCode2NamingTheVariable() {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("PORT", "70000");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Launch launch = Main.launch(TestEnvironments.loader(variables), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launch).isEqualTo(new Launch.Refused(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PORT must be a port number from 0 to 65535");
    }

    @Test
    void aPortAlreadyInUseRefusesToStartInsteadOfServingNothing() throws Exception {
        try (ReferenceApp first = TestEnvironments.start(TestEnvironments.local(dataDir))) {
            Map<String, String> variables = TestEnvironments.local(dataDir);
            variables.put("PORT", Integer.toString(first.port()));
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            Launch launch = Main.launch(TestEnvironments.loader(variables),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(launch).isEqualTo(new Launch.Refused(2));
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void theProcessExitsNonZeroWithTheReportWhenStartedOnABadEnvironment() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().clear();
        builder.environment().put("APP_ENV", "production");
        builder.environment().put("AUTH_SECRET", TWILIO_TOKEN);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("[app-env-invalid]").contains("did you mean prod?").doesNotContain(TWILIO_TOKEN);
    }
}
