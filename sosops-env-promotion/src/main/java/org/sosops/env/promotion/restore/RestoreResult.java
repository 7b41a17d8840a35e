package org.sosops.env.promotion.restore;

import java.nio.file.Path;
import java.time.Duration;
import org.sosops.env.promotion.order.MigrationHistory;

/**
 * A finished restore: which backup went into which database, and the migration status the
 * restored database reports.
 */
public record RestoreResult(Path backup, String database, long compressedBytes, Duration took, MigrationHistory history) {
}
