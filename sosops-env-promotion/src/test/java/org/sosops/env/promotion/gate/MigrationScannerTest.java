package org.sosops.env.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.promotion.sql.SqlSyntaxException;

class MigrationScannerTest {
    private final MigrationScanner scanner = new MigrationScanner();

    private List<String> found(String sql) {
        return scanner.scan(sql).stream().map(r -> r.pattern().label() + "@" + r.line() + ": " + r.statement()).toList();
    }

    @Test
    void findsEachRiskyPatternInAnyCaseAndAcrossLines() {
        assertThat(found("drop\ntable users;")).containsExactly("DROP TABLE@1: DROP TABLE users");
        assertThat(found("TRUNCATE TABLE a, b RESTART IDENTITY;")).containsExactly("TRUNCATE@1: TRUNCATE TABLE a, b RESTART IDENTITY");
        assertThat(found("ALTER TYPE mood ADD VALUE 'ok';")).containsExactly("ALTER TYPE@1: ALTER TYPE mood ADD VALUE 'ok'");
        assertThat(found("delete\nfrom t where id = 1")).containsExactly("DELETE FROM@1: DELETE FROM t WHERE id = 1");
        assertThat(found("ALTER TABLE t\n DROP COLUMN c;")).containsExactly("DROP COLUMN@2: ALTER TABLE t DROP COLUMN c");
    }

    @Test
    void columnTypeChangesAreAlterType() {
        assertThat(found("ALTER TABLE t ALTER COLUMN c TYPE bigint;")).extracting(s -> s.substring(0, 12)).containsExactly("ALTER TYPE@1");
        assertThat(found("ALTER TABLE t ALTER c SET DATA TYPE text;")).hasSize(1);
        assertThat(found("ALTER TABLE IF EXISTS ONLY public.t ALTER COLUMN type TYPE text USING type::text;"))
                                // Words on the key-word list are shown in upper case whatever their role.
                .containsExactly("ALTER TYPE@1: ALTER TABLE IF EXISTS ONLY public.t ALTER COLUMN TYPE TYPE text USING TYPE::text");
    }

    @Test
    void dropWithoutTheColumnKeywordStillDropsAColumn() {
        assertThat(found("ALTER TABLE t DROP IF EXISTS c;")).containsExactly("DROP COLUMN@1: ALTER TABLE t DROP IF EXISTS c");
        assertThat(found("ALTER TABLE t ADD x int, DROP y;")).hasSize(1);
    }

    @Test
    void droppingAForeignTablesColumnIsRiskyInEveryShape() {
        assertThat(found("ALTER FOREIGN TABLE remote_contacts DROP COLUMN phone;"))
                .containsExactly("DROP COLUMN@1: ALTER FOREIGN TABLE remote_contacts DROP COLUMN phone");
        assertThat(found("alter foreign\ntable if exists only crm.remote_contacts *\n  add x int,\n  drop y cascade;"))
                .containsExactly("DROP COLUMN@4: ALTER FOREIGN TABLE IF EXISTS ONLY crm.remote_contacts * ADD x int, DROP y CASCADE");
        assertThat(found("ALTER FOREIGN TABLE f ALTER COLUMN c TYPE bigint;")).extracting(s -> s.substring(0, 10))
                .containsExactly("ALTER TYPE");
        // Options, constraints and defaults of a foreign table are not column drops.
        assertThat(found("ALTER FOREIGN TABLE f OPTIONS (DROP schema_name); ALTER FOREIGN TABLE f DROP CONSTRAINT k;"
                + " ALTER FOREIGN TABLE f ALTER COLUMN c DROP DEFAULT; ALTER FOREIGN TABLE f ALTER COLUMN c OPTIONS (DROP column_name);"
                + " -- ALTER FOREIGN TABLE f DROP COLUMN c;\n")).isEmpty();
    }

    @Test
    void droppingConstraintsDefaultsAndNotNullIsNotRisky() {
        assertThat(found("ALTER TABLE t DROP CONSTRAINT c; ALTER TABLE t ALTER COLUMN c DROP DEFAULT;"
                + " ALTER TABLE t ALTER COLUMN c DROP NOT NULL; ALTER TABLE t ALTER COLUMN c SET DEFAULT 1;"
                + " ALTER TABLE t ADD CONSTRAINT k CHECK (x > 0), ADD COLUMN d int;")).isEmpty();
    }

    @Test
    void otherStatementsThatMerelyContainTheWordsAreNotRisky() {
        assertThat(found("GRANT DELETE, TRUNCATE ON t TO app; CREATE TABLE c (p int REFERENCES t ON DELETE CASCADE);"
                + " CREATE TRIGGER g BEFORE TRUNCATE ON t EXECUTE FUNCTION f(); DROP INDEX i; DROP TYPE mood;"
                + " SELECT drop_table, truncate_at FROM t;")).isEmpty();
    }

    @Test
    void commentsStringsDollarBodiesAndQuotedIdentifiersNeverMatch() {
        assertThat(found("-- DROP TABLE a;\n/* TRUNCATE b; /* DELETE FROM c; */ */\n"
                + "SELECT 'DROP TABLE x', E'\\' DELETE FROM y', $q$ TRUNCATE z $q$, \"drop table\";\n"
                + "ALTER TABLE \"t\" RENAME COLUMN \"drop\" TO \"truncate\";")).isEmpty();
    }

    @Test
    void deleteInsideAWithQueryIsFound() {
        assertThat(found("WITH d AS (DELETE FROM t RETURNING id) SELECT count(*) FROM d;"))
                .containsExactly("DELETE FROM@1: WITH d AS (DELETE FROM t RETURNING id) SELECT count(*) FROM d");
    }

    @Test
    void oneStatementCanMatchSeveralPatternsOncePerPattern() {
        assertThat(found("ALTER TABLE t DROP COLUMN a, DROP COLUMN b, ALTER COLUMN c TYPE int;"))
                .extracting(s -> s.substring(0, s.indexOf('@'))).containsExactly("DROP COLUMN", "ALTER TYPE");
    }

    @Test
    void normalizationIgnoresLayoutCommentsAndKeywordCase() {
        String a = scanner.scan("alter table Users -- why\n   drop column  Email ;").get(0).statement();
        String b = scanner.scan("ALTER TABLE users DROP COLUMN email").get(0).statement();
        assertThat(a).isEqualTo(b).isEqualTo("ALTER TABLE users DROP COLUMN email");
    }

    @Test
    void quotedIdentifiersKeepTheirCaseInTheNormalizedStatement() {
        assertThat(found("DROP TABLE \"Users\";")).containsExactly("DROP TABLE@1: DROP TABLE \"Users\"");
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'T', 'R', 'U', 'N', 'C', 'A', 'T', 'E', ' ', 't'};
        assertThat(scanner.scan(bom)).hasSize(1);
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheLine() {
        byte[] latin1 = {'s', 'e', 'l', 'e', 'c', 't', ';', '\n', '-', '-', ' ', (byte) 0xe9, '\n'};
        assertThatThrownBy(() -> scanner.scan(latin1)).isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("not valid UTF-8").satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(2));
    }

    @Test
    void validMultiByteTextIsAccepted() {
        assertThat(found("-- café ✓ 😀\nDELETE FROM \"naïve\";")).containsExactly("DELETE FROM@2: DELETE FROM \"naïve\"");
    }
}
