package org.sosops.env.promotion.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.order.MigrationHistory;
import org.sosops.env.promotion.order.MigrationRef;
import org.sosops.env.promotion.order.MigrationTool;

/** A dump-and-restore round trip with pg_dump and psql on scratch databases. */
class RestoreDrillTest {
    private ScratchDatabase source;
    private ScratchDatabase restored;

    @TempDir
    Path backups;

    @BeforeEach
    void createDatabases() throws SQLException {
        source = ScratchDatabase.create("restore_src");
        restored = ScratchDatabase.create("restore_dst");
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE contacts (id BIGSERIAL PRIMARY KEY, phone TEXT NOT NULL, note TEXT)");
            s.execute("INSERT INTO contacts (phone, note) SELECT '+1555' || g, repeat('x', 200) FROM generate_series(1, 5000) g");
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50),"
                    + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                    + " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),"
                    + " execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
            s.execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'ci', now(), 3, true),"
                    + " (2, '2', 'contacts', 'SQL', 'V2__contacts.sql', 2, 'ci', now(), 3, true)");
        }
    }

    @AfterEach
    void dropDatabases() {
        source.close();
        restored.close();
    }

    private Path dump(String name, Instant modified) throws IOException, InterruptedException {
        Path file = backups.resolve(name);
        Process pgDump = new ProcessBuilder("pg_dump", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-U", source.user(),
                "-d", source.name()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            pgDump.getInputStream().transferTo(out);
        }
        assertThat(pgDump.waitFor()).isZero();
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private long contacts(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM contacts")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void theNewestBackupIsRestoredAndTheMigrationStatusRead() throws Exception {
        dump("sos_ops_staging-2026-11-20.sql.gz", Instant.parse("2026-11-20T02:00:00Z"));
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM contacts WHERE id > 4000");
        }
        Path newest = dump("sos_ops_staging-2026-11-21.sql.gz", Instant.parse("2026-11-21T02:00:00Z"));
        Files.writeString(backups.resolve("notes.txt"), "not a backup");

        RestoreResult result = RestoreDrill.builder(backups, PostgresTarget.parse("--database-url", restored.databaseUrl()))
                .build().run();

        assertThat(result.backup()).isEqualTo(newest);
        assertThat(contacts(restored)).isEqualTo(4000);
        MigrationHistory history = result.history();
        assertThat(history.isApplied(new MigrationRef(MigrationTool.FLYWAY, "2"))).isTrue();
        assertThat(history.states()).hasSize(2);
    }

    @Test
    void aProductionTargetIsRefusedWithoutTheExplicitFlag() {
        PostgresTarget prod = PostgresTarget.parse("--database-url", "postgresql://postgres@127.0.0.1:5432/sos_ops_prod");
        assertThatThrownBy(() -> RestoreDrill.builder(backups, prod).build().run()).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("refusing to restore into postgres@127.0.0.1:5432/sos_ops_prod")
                .hasMessageContaining("--allow-prod");
        assertThat(RestoreDrill.builder(backups, PostgresTarget.parse("u", restored.databaseUrl()))
                .environment(org.sosops.env.core.env.AppEnv.PROD).build().targetIsProduction()).isTrue();
    }

    @Test
    void aTruncatedBackupRestoresNothing() throws Exception {
        Path full = dump("full.sql.gz", Instant.parse("2026-11-20T02:00:00Z"));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = backups.resolve("cut.sql.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.setLastModifiedTime(cut, FileTime.from(Instant.parse("2026-11-21T02:00:00Z")));

        assertThatThrownBy(() -> RestoreDrill.builder(backups, PostgresTarget.parse("u", restored.databaseUrl())).build().run())
                .isInstanceOf(PromotionInputException.class).hasMessageContaining("cut.sql.gz");
        try (Connection c = restored.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT to_regclass('contacts') IS NULL")) {
            rows.next();
            assertThat(rows.getBoolean(1)).as("nothing kept from a partial restore").isTrue();
        }
    }

    @Test
    void aFailingStatementStopsTheRestoreAndReportsPsqlsError() throws Exception {
        Path bad = backups.resolve("bad.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bad))) {
            out.write("CREATE TABLE kept (id int);\nSELECT * FROM no_such_table;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> RestoreDrill.builder(backups, PostgresTarget.parse("u", restored.databaseUrl())).build().run())
                .isInstanceOf(PromotionInputException.class).hasMessageContaining("no_such_table")
                .hasMessageContaining("nothing was kept");
    }

    @Test
    void aDirectoryWithoutBackupsIsAnInputError() {
        assertThatThrownBy(() -> RestoreDrill.newestBackup(backups)).hasMessageContaining("no gzip SQL backup (*.sql.gz) found");
        assertThatThrownBy(() -> RestoreDrill.newestBackup(backups.resolve("missing"))).hasMessageContaining("backup directory not found");
        assertThat(List.of()).isEmpty();
    }
}
