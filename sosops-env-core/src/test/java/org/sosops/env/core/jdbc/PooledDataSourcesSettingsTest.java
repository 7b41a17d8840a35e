package org.sosops.env.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.DatabaseUrl;

/**
 * What a pool built from a URL is set to, read back from HikariCP without opening a connection
 * (pools start empty), and which settings the builder refuses.
 */
class PooledDataSourcesSettingsTest {
    private static final String URL = "postgresql://app:s3cret-pw@db.internal:6432/sos_ops?sslmode=require";

    @Test
    void aPostgresPoolIsNamedBoundedAndQuickToGiveUp() {
        try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", URL).component("webhooks").build()) {
            assertThat(pool.getPoolName()).isEqualTo("sosops-env-webhooks");
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/sos_ops?sslmode=require");
            assertThat(pool.getDriverClassName()).isEqualTo(PooledDataSources.POSTGRES_DRIVER);
            assertThat(pool.getUsername()).isEqualTo("app");
            assertThat(pool.getPassword()).isEqualTo("s3cret-pw");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(PooledDataSources.DEFAULT_MAXIMUM_POOL_SIZE);
            assertThat(pool.getMinimumIdle()).isEqualTo(2);
            assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
            assertThat(pool.getInitializationFailTimeout()).isEqualTo(-1);
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "2")
                    .containsEntry("socketTimeout", "15").containsEntry("ApplicationName", "sosops-env-webhooks");
            assertThat(pool).hasToString("PooledDataSource[sosops-env-webhooks, max 10]");
            assertThat(pool.inOutage()).isFalse();
        }
    }

    @Test
    void aOneConnectionPoolKeepsOneIdleAndAShortTimeoutValidatesWithinIt() {
        try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", "postgres://app@db.internal/sos_ops")
                .maximumPoolSize(1).connectionTimeout(Duration.ofMillis(900)).build()) {
            assertThat(pool.getPoolName()).isEqualTo("sosops-env-db");
            assertThat(pool.getUsername()).isEqualTo("app");
            assertThat(pool.getPassword()).isNull();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getConnectionTimeout()).isEqualTo(900);
            assertThat(pool.getValidationTimeout()).isEqualTo(900);
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "1");
        }
        try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", URL)
                .connectionTimeout(Duration.ofSeconds(7)).build()) {
            assertThat(pool.getValidationTimeout()).isEqualTo(2_000);
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "7");
        }
    }

    @Test
    void aParsedUrlGivesItsCredentialsAsConnectionProperties() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://flags:pw-123@db.internal/flags").orElseThrow();
        try (PooledDataSource pool = PooledDataSources.postgres("FLAGS_DATABASE_URL", url).build()) {
            assertThat(pool.getUsername()).isEqualTo("flags");
            assertThat(pool.getPassword()).isEqualTo("pw-123");
            assertThat(pool.getJdbcUrl()).doesNotContain("pw-123");
        }
    }

    @Test
    void takesEveryH2UrlAsAnEmbeddedDatabase() {
        assertThatThrownBy(() -> PooledDataSources.fromUrl("FLAGS_URL", "jdbc:h2:mem:flags").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FLAGS_URL needs the H2 database (com.h2database:h2) on the class path");
        assertThatThrownBy(() -> PooledDataSources.h2("FLAGS_URL", "jdbc:postgresql://h/d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("FLAGS_URL is not an H2 URL");
    }

    @Test
    void namesTheProblemOfAnUnusableUrl() {
        assertThatThrownBy(() -> PooledDataSources.fromUrl("DATABASE_URL", "mysql://u:secret-pw@h/db"))
                .hasMessageStartingWith("DATABASE_URL ").hasMessageNotContaining("is not usable");
    }

    @Test
    void refusesAComponentNameThatIsNotLowerCaseLettersDigitsAndHyphens() {
        PooledDataSources.Builder builder = PooledDataSources.fromUrl("DATABASE_URL", URL);
        assertThat(builder.component("flags-2").poolName()).isEqualTo("sosops-env-flags-2");
        for (String bad : new String[] {"Flags", "-flags", "flags_2", "", "a".repeat(42)}) {
            assertThatThrownBy(() -> builder.component(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a pool's component name is lower-case letters, digits and '-'");
        }
        assertThat(builder.component("a".repeat(41)).poolName()).endsWith("a".repeat(41));
    }

    @Test
    void boundsThePoolBetweenOneAndAThousandConnections() {
        PooledDataSources.Builder builder = PooledDataSources.fromUrl("DATABASE_URL", URL);
        assertThat(builder.maximumPoolSize(1)).isSameAs(builder);
        assertThat(builder.maximumPoolSize(1000)).isSameAs(builder);
        for (int bad : new int[] {0, 1001}) {
            assertThatThrownBy(() -> builder.maximumPoolSize(bad)).hasMessage("maximumPoolSize must be from 1 to 1000");
        }
        assertThat(PooledDataSources.poolSize(Optional.of("1"))).isEqualTo(1);
        assertThat(PooledDataSources.poolSize(Optional.of("1000"))).isEqualTo(1000);
        assertThat(PooledDataSources.poolSize(Optional.of("  "))).isEqualTo(PooledDataSources.DEFAULT_MAXIMUM_POOL_SIZE);
        assertThatThrownBy(() -> PooledDataSources.poolSize(Optional.of("1001")))
                .hasMessage("SOSOPS_DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
    }

    @Test
    void waitsAtLeastHikarisFloorForAConnection() {
        PooledDataSources.Builder builder = PooledDataSources.fromUrl("DATABASE_URL", URL);
        assertThat(builder.connectionTimeout(Duration.ofMillis(250))).isSameAs(builder);
        assertThatThrownBy(() -> builder.connectionTimeout(Duration.ofMillis(249)))
                .hasMessage("connectionTimeout must be at least 250 ms");
    }

    @Test
    void keepsEveryQueryParameterButTheCredentials() {
        assertThat(PooledDataSources.withoutCredentials("jdbc:postgresql://h/d")).isEqualTo("jdbc:postgresql://h/d");
        assertThat(PooledDataSources.withoutCredentials("jdbc:postgresql://h/d?ssl&&user=u&username=x&passwords=y"))
                .isEqualTo("jdbc:postgresql://h/d?ssl&username=x&passwords=y");
        assertThat(PooledDataSources.withoutCredentials("jdbc:postgresql://h/d?user=u&password=p"))
                .isEqualTo("jdbc:postgresql://h/d");
    }
}
