package org.sosops.env.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;

/** The shipped examples hold risky statements and traps; the gate must find exactly the former. */
class ExampleMigrationsTest {
    static final Path EXAMPLES = Path.of("..", "examples", "migrations");

    @Test
    void theGateFindsExactlyTheRiskyStatementsOfTheShippedExamples() {
        assertThat(MigrationGate.scan(EXAMPLES)).extracting(MigrationFinding::toString).containsExactly(
                "flyway/V1_1__retire_lists.sql:2: DROP TABLE: DROP TABLE IF EXISTS legacy_lists",
                "flyway/V1_1__retire_lists.sql:5: ALTER TYPE: ALTER TABLE lists ALTER name TYPE varchar(200)",
                "flyway/V1_1__retire_lists.sql:8: DELETE FROM: WITH gone AS (DELETE FROM list_members WHERE contact_id IS NULL"
                        + " RETURNING list_id) SELECT count(*) FROM gone",
                "flyway/V1_1__retire_lists.sql:12: DROP COLUMN: ALTER TABLE lists DROP COLUMN truncated, DROP COLUMN drop_date",
                "prisma/20240210093000_cleanup_contacts/migration.sql:4: DROP COLUMN: ALTER TABLE \"contacts\" ADD COLUMN"
                        + " \"opted_out\" boolean NOT NULL DEFAULT FALSE, DROP COLUMN \"note\"",
                "prisma/20240210093000_cleanup_contacts/migration.sql:7: DELETE FROM: DELETE FROM \"contacts\" WHERE \"phone\" = ''",
                "prisma/20240210093000_cleanup_contacts/migration.sql:11: ALTER TYPE: ALTER TABLE \"contacts\" ALTER COLUMN"
                        + " \"phone\" SET DATA TYPE varchar(32)",
                "prisma/20240312170000_campaign_status/migration.sql:12: ALTER TYPE: ALTER TYPE \"CampaignStatus\" ADD VALUE 'archived'",
                "prisma/20240312170000_campaign_status/migration.sql:14: TRUNCATE: TRUNCATE TABLE message_log");
    }

    @Test
    void theExamplesCoverEveryLayout() {
        assertThat(MigrationGate.sqlFiles(EXAMPLES)).extracting(MigrationLayout::of)
                .contains(MigrationLayout.PRISMA, MigrationLayout.FLYWAY, MigrationLayout.PLAIN);
    }

    @Test
    void theExamplesAreRealPostgresqlThatRunsInOrder() throws IOException, SQLException {
        try (ScratchDatabase db = ScratchDatabase.create("examples"); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Path file : MigrationGate.sqlFiles(EXAMPLES.resolve("prisma"))) {
                s.execute(Files.readString(file));
            }
            s.execute(Files.readString(EXAMPLES.resolve("flyway/V1__create_lists.sql")));
            s.execute(Files.readString(EXAMPLES.resolve("flyway/V1_1__retire_lists.sql")));
            s.execute(Files.readString(EXAMPLES.resolve("plain/seed_cleanup.sql")));
        }
    }

    @Test
    void theDocumentationNamesEveryRiskyPattern() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "promotion.md"));
        for (RiskyPattern pattern : RiskyPattern.values()) {
            assertThat(docs).contains("| `" + pattern.label() + "` |");
        }
    }
}
