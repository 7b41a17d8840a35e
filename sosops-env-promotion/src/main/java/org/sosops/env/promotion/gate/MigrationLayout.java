package org.sosops.env.promotion.gate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a migration file is laid out, and the identity its tool records when it is applied. */
public enum MigrationLayout {
    /** Prisma: {@code <timestamp>_<name>/migration.sql}; {@code _prisma_migrations.migration_name} is the folder. */
    PRISMA,
    /** Flyway versioned: {@code V<version>__<description>.sql}; {@code flyway_schema_history.version}. */
    FLYWAY,
    /** Any other {@code .sql} file (Flyway repeatable and undo scripts included): scanned, not ordered. */
    PLAIN;

    private static final Pattern FLYWAY_VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql", Pattern.CASE_INSENSITIVE);

    /** The layout of {@code file}. */
    public static MigrationLayout of(Path file) {
        String name = file.getFileName().toString();
        if (name.equals("migration.sql") && file.getParent() != null && file.getParent().getFileName() != null) {
            return PRISMA;
        }
        if (FLYWAY_VERSIONED.matcher(name).matches() && (name.charAt(0) == 'V')) {
            return FLYWAY;
        }
        return PLAIN;
    }

    /**
     * The identity the tool records for {@code file}: the Prisma folder name, or the Flyway
     * version normalized by {@link #normalizeVersion(String)}; empty for plain files.
     */
    public static Optional<String> migrationId(Path file) {
        switch (of(file)) {
            case PRISMA:
                return Optional.of(file.getParent().getFileName().toString());
            case FLYWAY:
                Matcher m = FLYWAY_VERSIONED.matcher(file.getFileName().toString());
                return m.matches() ? Optional.of(normalizeVersion(m.group(1).replace('_', '.'))) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** {@code 1.01.0} → {@code 1.1}: Flyway compares versions part by part as numbers, trailing zeros ignored. */
    public static String normalizeVersion(String version) {
        String[] parts = version.strip().toLowerCase(Locale.ROOT).split("\\.");
        StringBuilder text = new StringBuilder();
        int last = parts.length - 1;
        while (last > 0 && parts[last].replaceFirst("^0+", "").isEmpty()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            String part = parts[i].replaceFirst("^0+(?=.)", "");
            if (i > 0) {
                text.append('.');
            }
            text.append(part);
        }
        return text.toString();
    }
}
