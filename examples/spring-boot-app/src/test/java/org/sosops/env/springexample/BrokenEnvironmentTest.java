package org.sosops.env.springexample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A configuration that fails the policy stops start-up with the whole report and no secret. */
@ExtendWith(OutputCaptureExtension.class)
class BrokenEnvironmentTest {

    @Test
    void aBrokenProductionEnvironmentStopsStartUpWithEveryProblemAndNoSecret(CapturedOutput output) {
        String weakAuthSecret = "changeme";
        String badToken = "not-a-twilio-token-9f8e7d";
        String databaseUrl = "postgres://app:Sup3rS3cretPw@db.internal:5432/app";
        assertThatThrownBy(() -> new SpringApplicationBuilder(SpringExampleApplication.class).properties(
                "server.port=0",
                "SOSOPS_WEBHOOK_DATA_DIR=target/sosops-env-test-data",
                "spring.datasource.url=" + TestDatabase.DATABASE.jdbcUrl(),
                "spring.datasource.username=" + TestDatabase.DATABASE.user(),
                "APP_ENV=prod",
                "APP_URL=http://ops.example.org",
                "AUTH_SECRET=" + weakAuthSecret,
                "LOG_LEVEL=verbose",
                "DATABASE_URL=" + databaseUrl,
                "TWILIO_AUTH_TOKEN=" + badToken).run()).isInstanceOf(Exception.class);

        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START", "Environment policy check failed for prod",
                "APP_URL", "AUTH_SECRET", "LOG_LEVEL", "TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "EMAIL_PROVIDER",
                "EMAIL_API_KEY", "UPSTASH_REDIS_REST_URL", "RISKS_DECISIONS.md");
        assertThat(report).doesNotContain(weakAuthSecret, badToken, "Sup3rS3cretPw");
        // The description is the whole report: as many findings listed as it counts.
        String description = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(\\d+) problems").matcher(description);
        assertThat(total.find()).isTrue();
        assertThat(description.lines().filter(line -> line.startsWith("error [")).count())
                .isEqualTo(Long.parseLong(total.group(1))).isGreaterThanOrEqualTo(10);
    }
}
