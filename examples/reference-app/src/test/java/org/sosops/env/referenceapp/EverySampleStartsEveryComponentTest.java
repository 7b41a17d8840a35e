package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.testsupport.ScratchDatabase;

/**
 * One source of truth: every shipped clean sample passes {@code check} (every rule on this class
 * path: the core's, the webhook guard's and the override JSON's, exactly what {@code sosops-env
 * check} runs) and starts every component of the library — webhook guard, flag resolver, recipient
 * guard — inside the running application.
 *
 * <p>The samples name database servers that do not exist here, so the start points
 * {@code DATABASE_URL} at a scratch PostgreSQL database through a later {@code .env} file, and an
 * exception register entry waives the {@code database-separation} that this local test database
 * breaks: the way a team would document such a deviation.
 */
class EverySampleStartsEveryComponentTest {
    private static final Path SAMPLES = Path.of("..", "env");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"local", "dev", "staging", "prod"})
    void checkPassesAndEveryComponentStarts(String name) throws Exception {
        Path sample = SAMPLES.resolve(name + ".env");

        ValidationReport check = EnvironmentPolicy.loader().envFile(sample).processEnvironment(Map.of())
                .ignoreProcessSettings().rules(RuleEngine.discover()).validate();
        assertThat(check.findings()).as(check.toText()).isEmpty();

        try (ScratchDatabase database = ScratchDatabase.create("samples")) {
            StringBuilder here = new StringBuilder()
                    .append("PORT=0\nSOSOPS_BIND_ADDRESS=127.0.0.1\n")
                    .append("SOSOPS_WEBHOOK_DATA_DIR=").append(dir).append('\n');
            if (!name.equals("local")) {
                here.append("DATABASE_URL=").append(database.databaseUrl()).append('\n');
            }
            Path override = Files.writeString(dir.resolve("here.env"), here.toString());
            EnvironmentPolicy policy = EnvironmentPolicy.loader().envFile(sample).envFile(override)
                    .processEnvironment(Map.of()).ignoreProcessSettings().register(register()).load();
            assertThat(policy.report().blocking()).isEmpty();

            try (ReferenceApp app = ReferenceApp.start(policy)) {
                assertThat(app.environment().id()).isEqualTo(name);
                assertThat(app.webhooks().paths()).contains("/api/webhooks/twilio/inbound", "/api/webhooks/email/events");
                HttpResponse<String> health = ReferenceAppHttpTest.send(HttpRequest.newBuilder(
                        app.baseUri().resolve("/api/health")).GET());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"environment\":\"" + name + "\"");
            }
        }
    }

    private Path register() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Files.writeString(dir.resolve("RISKS_DECISIONS.md"), """
                # Risks and decisions

                ## RD-T1 The sample test runs on a local scratch database

                - Rule: database-separation
                - Environment: all
                - Variable: DATABASE_URL
                - Rationale: the samples name servers that exist only in a deployment; the test's database is local.
                - Expires: %s
                - Rollback plan: none needed; the entry lives only for the test run
                - Approved by: the test itself (%s)
                """.formatted(today.plusDays(1), today));
    }
}
