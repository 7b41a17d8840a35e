package org.sosops.env.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.value.Source;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The webhook guard and the flag store on the application's own pool, against real PostgreSQL. */
class SosOpsOnApplicationDataSourceTest {
    private static ScratchDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ScratchDatabase.create("starter");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        SosOpsPolicyAutoConfiguration.class, SosOpsFlagsAutoConfiguration.class,
                        SosOpsWebhooksAutoConfiguration.class, SosOpsHealthAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.user(),
                        "APP_ENV=local", "APP_URL=http://localhost:8080",
                        "AUTH_SECRET=" + SosOpsAutoConfigurationTest.AUTH_SECRET, "LOG_LEVEL=info",
                        "sosops.flags.defaults.new_inbox=false",
                        // The failure spool (used while the database is unreachable) stays out of the source tree.
                        "SOSOPS_WEBHOOK_DATA_DIR=target/sosops-env-test-data");
    }

    @Test
    void theGuardStoresFailuresAndTheResolverReadsFlagsThroughTheApplicationsPool() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            DataSource pool = context.getBean(DataSource.class);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO sosops_feature_flags (flag_key, value, updated_at) VALUES "
                        + "('new_inbox', 'true'::jsonb, now())");
            }
            FlagResolver flags = context.getBean(FlagResolver.class);
            flags.refresh();
            assertThat(flags.resolve(null, "new_inbox")).hasValueSatisfying(flag -> {
                assertThat(flag.source()).isEqualTo(Source.DB);
                assertThat(flag.value().toJson().asBoolean()).isTrue();
            });

            WebhookGuard guard = context.getBean(WebhookGuard.class);
            // Local without a token is unsigned; a body over the cap is still refused and recorded.
            guard.handle(WebhookRequest.builder("POST", WebhookGuards.TWILIO_STATUS)
                    .body(new byte[guard.maxBodyBytes() + 1]).build(), (request, id) -> { });
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
                         + "WHERE table_name LIKE 'sosops%'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("flag and webhook tables in the application's database").isGreaterThan(1);
            }
            assertThat(guard.failures().list(10)).hasSize(1);
            assertThat(context.getBean(SosOpsHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
        // Closing the context closed the guard, but never the application's pool (Spring closes that itself).
    }
}
