package org.sosops.env.promotion.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;

/** Promotion order against two real PostgreSQL databases standing in for staging and prod. */
class PromotionCheckTest {
    private ScratchDatabase staging;
    private ScratchDatabase prod;

    @TempDir
    Path dir;

    @BeforeEach
    void createDatabases() {
        staging = ScratchDatabase.create("promo_staging");
        prod = ScratchDatabase.create("promo_prod");
    }

    @AfterEach
    void dropDatabases() {
        staging.close();
        prod.close();
    }

    static void flyway(ScratchDatabase db, String... rows) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // The columns Flyway 9/10 creates.
            s.execute("CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank INT PRIMARY KEY,"
                    + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,"
                    + " script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                    + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
            int rank = 1;
            for (String row : rows) {
                String[] p = row.split(":");
                s.execute("INSERT INTO flyway_schema_history VALUES (" + rank++ + ", '" + p[0] + "', 'm', '" + p[1]
                        + "', 'V" + p[0] + "__m.sql', 1, 'ci', now(), 5, " + p[2] + ")");
            }
        }
    }

    static void prisma(ScratchDatabase db, String... rows) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // The table Prisma Migrate creates.
            s.execute("CREATE TABLE IF NOT EXISTS _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                    + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                    + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)");
            for (String row : rows) {
                String[] p = row.split(":");
                String finished = p[1].equals("done") ? "now()" : "NULL";
                String rolledBack = p[1].equals("rolledback") ? "now()" : "NULL";
                s.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at)"
                        + " VALUES (gen_random_uuid()::text, 'x', " + finished + ", '" + p[0] + "', " + rolledBack + ")");
            }
        }
    }

    private PromotionReport check(Optional<Path> migrations) {
        return PromotionCheck.between(PostgresTarget.parse("staging", staging.databaseUrl()),
                PostgresTarget.parse("prod", prod.databaseUrl()), migrations);
    }

    @Test
    void migrationsAppliedOnTheSourceArePromotable() throws SQLException {
        flyway(staging, "1:SQL:true", "2:SQL:true");
        flyway(prod, "1:SQL:true");

        PromotionReport report = check(Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.pending()).extracting(p -> p.migration().toString()).containsExactly("flyway V2");
    }

    @Test
    void aMigrationFileTheSourceHasNotAppliedIsNamed() throws SQLException, IOException {
        flyway(staging, "1:SQL:true", "1.1:SQL:true");
        flyway(prod, "1:SQL:true");
        Files.writeString(dir.resolve("V1__a.sql"), "select 1;");
        Files.writeString(dir.resolve("V1_1__b.sql"), "select 1;");
        Files.writeString(dir.resolve("V2__c.sql"), "select 1;");
        Files.writeString(dir.resolve("V10__d.sql"), "select 1;");

        PromotionReport report = check(Optional.of(dir));

        assertThat(report.ok()).isFalse();
        assertThat(report.blocked()).extracting(p -> p.migration() + " " + p.file().orElse("") + " " + p.problem().orElseThrow())
                .containsExactly("flyway V2 V2__c.sql never applied on " + PostgresTarget.parse("s", staging.databaseUrl()),
                        "flyway V10 V10__d.sql never applied on " + PostgresTarget.parse("s", staging.databaseUrl()));
        assertThat(report.pending()).extracting(p -> p.migration().id()).containsExactly("1.1", "2", "10");
    }

    @Test
    void aFailedOrRolledBackMigrationOnTheSourceBlocks() throws SQLException {
        flyway(staging, "1:SQL:true", "2:SQL:false");
        prisma(staging, "20240101_init:done", "20240201_contacts:rolledback", "20240301_unfinished:started");
        prisma(prod, "20240101_init:done");

        PromotionReport report = check(Optional.empty());

        assertThat(report.blocked()).extracting(p -> p.migration().toString() + ": " + p.problem().orElseThrow().split(" on ")[0])
                .containsExactly("flyway V2: failed or rolled back",
                        "prisma 20240201_contacts: failed or rolled back", "prisma 20240301_unfinished: failed or rolled back");
    }

    @Test
    void aFlywayBaselineCountsAsApplyingEverythingUpToIt() throws SQLException, IOException {
        flyway(staging, "5:BASELINE:true", "6:SQL:true");
        flyway(prod, "5:BASELINE:true");
        Files.writeString(dir.resolve("V3__old.sql"), "select 1;");
        Files.writeString(dir.resolve("V6__new.sql"), "select 1;");

        PromotionReport report = check(Optional.of(dir));

        assertThat(report.ok()).isTrue();
        assertThat(report.pending()).extracting(p -> p.migration().id()).containsExactly("6");
    }

    @Test
    void prismaFoldersAreMatchedByMigrationName() throws SQLException, IOException {
        prisma(staging, "20240101_init:done");
        Files.createDirectories(dir.resolve("20240101_init"));
        Files.createDirectories(dir.resolve("20240202_next"));
        Files.writeString(dir.resolve("20240101_init/migration.sql"), "select 1;");
        Files.writeString(dir.resolve("20240202_next/migration.sql"), "select 1;");

        PromotionReport report = check(Optional.of(dir));

        assertThat(report.blocked()).extracting(p -> p.migration().toString()).containsExactly("prisma 20240202_next");
        assertThat(report.pending()).extracting(p -> p.migration().toString())
                .containsExactly("prisma 20240101_init", "prisma 20240202_next");
    }

    @Test
    void aTargetAheadOfTheSourceIsReportedWithoutBlocking() throws SQLException {
        flyway(staging, "1:SQL:true");
        flyway(prod, "1:SQL:true", "2:SQL:true");

        PromotionReport report = check(Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.targetAhead()).extracting(MigrationRef::toString).containsExactly("flyway V2");
        assertThat(report.toText()).contains("applied on " + report.target() + " but not on " + report.source());
    }

    @Test
    void databasesWithoutHistoryTablesHaveNothingApplied() {
        PromotionReport report = check(Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.pending()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsAnInputErrorNamingItWithoutItsPassword() {
        PostgresTarget nowhere = PostgresTarget.parse("--to-database-url",
                "postgresql://app:s3cr3t-pass@127.0.0.1:1/sos_ops_prod");
        assertThatThrownBy(() -> PromotionCheck.between(PostgresTarget.parse("s", staging.databaseUrl()), nowhere, Optional.empty()))
                .isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("cannot use database app@127.0.0.1:1/sos_ops_prod")
                .hasMessageNotContaining("s3cr3t-pass");
        assertThatThrownBy(() -> PostgresTarget.parse("--to-database-url", "mysql://x/y"))
                .hasMessageStartingWith("--to-database-url must start with postgres://");
    }
}
