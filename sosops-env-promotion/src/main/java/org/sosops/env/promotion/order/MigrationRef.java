package org.sosops.env.promotion.order;

import java.util.Objects;

/**
 * One migration as its tool identifies it: a Flyway version (normalized, e.g. {@code 1.1}) or a
 * Prisma migration name (e.g. {@code 20240210093000_cleanup_contacts}).
 */
public record MigrationRef(MigrationTool tool, String id) implements Comparable<MigrationRef> {
    public MigrationRef {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(id, "id");
    }

    /** Tool first, then Flyway versions numerically and Prisma names (timestamp-prefixed) as text. */
    @Override
    public int compareTo(MigrationRef other) {
        if (tool != other.tool) {
            return tool.compareTo(other.tool);
        }
        return tool == MigrationTool.FLYWAY ? compareVersions(id, other.id) : id.compareTo(other.id);
    }

    /** {@code 1.10} after {@code 1.9}: Flyway versions compare part by part as numbers. */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            try {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } catch (NumberFormatException e) {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return tool == MigrationTool.FLYWAY ? "flyway V" + id : "prisma " + id;
    }
}
