package org.sosops.env.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;

/** The test support other modules rely on: a real, unique PostgreSQL database that is dropped on close. */
class ScratchDatabaseTest {

    @Test
    void createsAUsableDatabaseAndDropsItOnClose() throws Exception {
        String name;
        try (ScratchDatabase db = ScratchDatabase.create("core")) {
            name = db.name();
            assertThat(name).startsWith("sosops_test_core_");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create table t (id int)");
                s.execute("insert into t values (42)");
                try (ResultSet rs = s.executeQuery("select id from t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
        }
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", props);
             Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_database where datname = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void everyDatabaseGetsItsOwnName() {
        try (ScratchDatabase a = ScratchDatabase.create("core"); ScratchDatabase b = ScratchDatabase.create("core")) {
            assertThat(a.name()).isNotEqualTo(b.name());
        }
    }
}
