package org.sosops.env.promotion.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.PromotionInputException;

class PostgresTargetTest {

    @Test
    void aTargetIsShownWithoutItsPassword() {
        PostgresTarget target = PostgresTarget.parse("--to-database-url", "postgresql://app:s3cr3t-pw@db.internal:6543/sos_ops_prod");

        assertThat(target).hasToString("app@db.internal:6543/sos_ops_prod");
        assertThat(target.database()).isEqualTo("sos_ops_prod");
        assertThat(target.url().port()).isEqualTo(6543);
        assertThat(PostgresTarget.of(DatabaseUrl.parse("postgresql://db.internal/x").orElseThrow()))
                .hasToString("db.internal:5432/x");
    }

    @Test
    void aValueThatIsNotAPostgresUrlIsAnInputErrorNamingTheOption() {
        assertThatThrownBy(() -> PostgresTarget.parse("--from-database-url", "mysql://h/db"))
                .isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith("--from-database-url ")
                .hasMessage("--from-database-url " + DatabaseUrl.problem("mysql://h/db").orElseThrow());
    }

    @Test
    void itConnectsToTheDatabaseItNames() throws SQLException {
        try (ScratchDatabase db = ScratchDatabase.create("pgtarget")) {
            PostgresTarget target = PostgresTarget.parse("DATABASE_URL", db.databaseUrl());
            try (Connection c = target.connect(); Statement s = c.createStatement();
                 java.sql.ResultSet row = s.executeQuery("SELECT current_database()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(db.name()).isEqualTo(target.database());
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsAnInputErrorNamingItWithThePasswordMasked() {
        PostgresTarget target = PostgresTarget.parse("DATABASE_URL", "postgresql://app:s3cr3t-pw@127.0.0.1:1/sos_ops_dev");

        assertThatThrownBy(target::connect)
                .isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith("cannot use database app@127.0.0.1:1/sos_ops_dev: ")
                .hasMessageNotContaining("s3cr3t-pw");
        // A driver message that echoes the password has it masked, and runs of white space become one.
        PromotionInputException echoed = target.unreachable(new SQLException("login  failed\nfor s3cr3t-pw"));
        assertThat(echoed).hasMessage("cannot use database app@127.0.0.1:1/sos_ops_dev: login failed for ***");
        assertThat(echoed.getCause()).isInstanceOf(SQLException.class);
        assertThat(target.unreachable(new SQLException())).hasMessage(
                "cannot use database app@127.0.0.1:1/sos_ops_dev: SQLException");
    }
}
