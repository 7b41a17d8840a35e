package org.sosops.env.promotion.order;

/** The migration tools whose history tables the promotion order reads. */
public enum MigrationTool {
    /** {@code flyway_schema_history}, keyed by version. */
    FLYWAY("flyway"),
    /** {@code _prisma_migrations}, keyed by migration (folder) name. */
    PRISMA("prisma");

    private final String id;

    MigrationTool(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
