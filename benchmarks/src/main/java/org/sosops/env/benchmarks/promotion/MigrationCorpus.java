package org.sosops.env.benchmarks.promotion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates realistic migration SQL: DDL, comments, strings with quotes and escapes, dollar
 * bodies, quoted identifiers, and now and then a risky statement. Deterministic for a seed.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.sosops.env.benchmarks.promotion.MigrationCorpus DIR [FILES]}
 * writes FILES (default 4,000) migrations of about 2.5 KB each in Prisma and Flyway layouts.
 */
public final class MigrationCorpus {
    private MigrationCorpus() {
    }

    /** About {@code bytes} of SQL. */
    public static String sql(Random random, int bytes) {
        StringBuilder sql = new StringBuilder(bytes + 512);
        int n = 0;
        while (sql.length() < bytes) {
            int table = random.nextInt(500);
            switch (n++ % 8) {
                case 0 -> sql.append("-- Migration step ").append(n).append(": DROP TABLE in a comment is not risky\n");
                case 1 -> sql.append("CREATE TABLE \"campaign_").append(table).append("\" (\n")
                        .append("    \"id\" BIGSERIAL PRIMARY KEY,\n    \"name\" TEXT NOT NULL DEFAULT 'it''s new',\n")
                        .append("    \"status\" VARCHAR(32) NOT NULL,\n    \"created_at\" TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n");
                case 2 -> sql.append("/* Block comment with /* nesting */ and TRUNCATE inside */\n")
                        .append("CREATE INDEX \"campaign_").append(table).append("_status_idx\" ON \"campaign_").append(table)
                        .append("\" (\"status\");\n");
                case 3 -> sql.append("INSERT INTO message_log (body) VALUES (E'line\\none \\' DELETE FROM x;', 'plain ''quoted''');\n");
                case 4 -> sql.append("CREATE OR REPLACE FUNCTION touch_").append(table)
                        .append("() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n    NEW.updated_at := now();\n")
                        .append("    DELETE FROM audit WHERE id < 0;\n    RETURN NEW;\nEND\n$fn$;\n");
                case 5 -> sql.append("ALTER TABLE \"campaign_").append(table).append("\" ADD COLUMN \"note_").append(n)
                        .append("\" TEXT, ADD CONSTRAINT \"c_").append(n).append("\" CHECK (char_length(\"status\") > 0);\n");
                case 6 -> sql.append("UPDATE contacts SET phone = regexp_replace(phone, '[^0-9+]', '', 'g') WHERE id BETWEEN ")
                        .append(random.nextInt(1000)).append(" AND ").append(1000 + random.nextInt(1000)).append(";\n");
                default -> {
                    if (random.nextInt(4) == 0) {
                        sql.append("ALTER TABLE \"campaign_").append(table).append("\"\n    DROP COLUMN \"legacy_").append(n)
                                .append("\";\n");
                    } else {
                        sql.append("COMMENT ON TABLE \"campaign_").append(table).append("\" IS 'TRUNCATE never';\n");
                    }
                }
            }
        }
        return sql.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        Random random = new Random(7);
        long total = 0;
        for (int i = 0; i < files; i++) {
            String body = sql(random, 2400);
            Path file = i % 2 == 0
                    ? dir.resolve("prisma").resolve(String.format("2024%010d_step_%d", i, i)).resolve("migration.sql")
                    : dir.resolve("flyway").resolve("V" + i + "__step_" + i + ".sql");
            Files.createDirectories(file.getParent());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            total += bytes.length;
        }
        System.out.println("wrote " + files + " migrations, " + total + " bytes, under " + dir);
    }
}
