package org.sosops.env.promotion.backups;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.launch.ItemResult;

/** Backups against each environment's schedule, with a fixed clock. */
class BackupCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private void backup(String name, Duration age) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, new byte[] {0x1f, (byte) 0x8b});
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }

    @Test
    void prodNeedsABackupYoungerThanADay() throws IOException {
        backup("old.sql.gz", Duration.ofDays(3));
        backup("newest.sql.gz", Duration.ofHours(23));

        BackupCheck.Result fresh = BackupCheck.of(dir, AppEnv.PROD, CLOCK).run();
        assertThat(fresh.ok()).isTrue();
        assertThat(fresh.message()).isEqualTo("newest backup newest.sql.gz is 23h 0m old (prod: daily)");

        backup("newest.sql.gz", Duration.ofHours(25));
        BackupCheck.Result stale = BackupCheck.of(dir, AppEnv.PROD, CLOCK).run();
        assertThat(stale.ok()).isFalse();
        assertThat(stale.message()).isEqualTo("newest backup newest.sql.gz is 1d 1h old: prod expects one daily (younger than 1d 0h)");
    }

    @Test
    void stagingNeedsOneAWeekAndLocalAndDevNone() throws IOException {
        backup("weekly.sql.gz", Duration.ofDays(6));
        assertThat(BackupCheck.of(dir, AppEnv.STAGING, CLOCK).run().ok()).isTrue();
        assertThat(BackupCheck.of(dir, AppEnv.PROD, CLOCK).run().ok()).isFalse();

        Path empty = dir.resolve("none");
        assertThat(BackupCheck.of(empty, AppEnv.DEV, CLOCK).run().message()).isEqualTo("no backups expected in dev");
        assertThat(BackupCheck.of(empty, AppEnv.LOCAL, CLOCK).run().ok()).isTrue();
    }

    @Test
    void noBackupAtAllOrOnlyOtherFilesFailsWhereOneIsExpected() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a backup");
        Files.write(dir.resolve("dump.sql"), new byte[0]);

        BackupCheck.Result result = BackupCheck.of(dir, AppEnv.STAGING, CLOCK).run();

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("no backup (*.sql.gz) in " + dir + ": staging expects one weekly");
        ItemResult item = new BackupsItem(BackupCheck.of(dir.resolve("missing"), AppEnv.PROD, CLOCK)).run();
        assertThat(item).isInstanceOf(ItemResult.Failed.class);
    }
}
