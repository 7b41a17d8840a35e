package org.sosops.env.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How database trouble is told apart and described, and what Database accepts from a host. */
class DatabaseFailuresTest {

    @Test
    void aConnectionFailureIsFoundInTheCauseChainOrAmongSuppressedExceptions() {
        RuntimeException suppressing = new RuntimeException("rollback failed");
        suppressing.addSuppressed(new SQLException("refused", "08006"));
        assertThat(ConnectionFailures.isConnectionFailure(suppressing)).isTrue();

        RuntimeException deepCause = new RuntimeException(new IllegalStateException(new SQLNonTransientConnectionException("gone")));
        assertThat(ConnectionFailures.isConnectionFailure(deepCause)).isTrue();

        RuntimeException suppressedOther = new RuntimeException("x");
        suppressedOther.addSuppressed(new SQLException("duplicate", "23505"));
        suppressedOther.addSuppressed(new IllegalStateException("not SQL"));
        assertThat(ConnectionFailures.isConnectionFailure(suppressedOther)).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure((Throwable) null)).isFalse();
    }

    @Test
    void theCauseChainIsReadSixteenLevelsDeepAndNoFurther() {
        assertThat(ConnectionFailures.isConnectionFailure(nested(new SQLException("refused", "08001"), 15))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(nested(new SQLException("refused", "08001"), 16))).isFalse();
    }

    @Test
    void theDescriptionNamesTypesAndStatesButNeverMessages() {
        SQLException root = new SQLException("password=hunter2 rejected", "28P01");
        String described = ConnectionFailures.describe(new RuntimeException("outer", new SQLException("no state", root)));

        assertThat(described).isEqualTo("RuntimeException <- SQLException (SQLState none) <- SQLException (SQLState 28P01)");
        assertThat(ConnectionFailures.describe(nested(new SQLTransientConnectionException("x"), 20)).split(" <- ")).hasSize(8);
    }

    @Test
    void aStoreExceptionSaysWhetherTheDatabaseIsUnreachable() {
        StoreException down = StoreException.of("the check failed", new SQLException("refused", "08001"));
        StoreException error = StoreException.of("the check failed", new SQLException("too long", "22001"));

        assertThat(down.unreachable()).isTrue();
        assertThat(down).hasMessage("the check failed: the database is unreachable (SQLException (SQLState 08001))");
        assertThat(error.unreachable()).isFalse();
        assertThat(error).hasMessage("the check failed: database error (SQLException (SQLState 22001))");
        assertThat(error.getCause()).hasMessage("too long");
    }

    @Test
    void anAnswerIsOneLineQuotingTheServerOnlyForSchemaAndPrivilegeErrors() {
        assertThat(DatabaseAnswers.oneLine(new SQLException("ERROR: column \"headers\" does not exist\n  Position: 8", "42703")))
                .isEqualTo("column \"headers\" does not exist (SQLState 42703)");
        assertThat(DatabaseAnswers.oneLine(new SQLException("Column \"HEADERS\" not found; SQL statement:\nSELECT headers"
                + " FROM t [42122-224]", "42S22"))).isEqualTo("Column \"HEADERS\" not found (SQLState 42S22)");
        assertThat(DatabaseAnswers.oneLine(new SQLException("value too long: 'Jane Doe +15551234567'", "22001")))
                .isEqualTo("database error (SQLException (SQLState 22001))");
        assertThat(DatabaseAnswers.oneLine(new SQLException("password=hunter2 rejected", "28P01")))
                .isEqualTo("the password was rejected (SQLState 28P01)");
    }

    @Test
    void aRefusedLoginIsFoundUnderThePoolTimeoutThatCopiedItsState() {
        SQLException driver = new SQLException("FATAL: role \"x\" does not exist", "28000");
        SQLException pool = new SQLTransientConnectionException("pool - Connection is not available", "28000", driver);

        assertThat(DatabaseAnswers.refusedLogin(new RuntimeException(pool)))
                .contains("the user is unknown or may not log in (SQLState 28000)");
        assertThat(DatabaseAnswers.refusedLogin(new SQLTransientConnectionException("timed out", "08001"))).isEmpty();
    }

    @Test
    void theDialectIsReadFromTheProductName() {
        assertThat(Database.detectDialect(dataSource("PostgreSQL", true))).isEqualTo(Database.Dialect.POSTGRESQL);
        assertThat(Database.detectDialect(dataSource("H2", true))).isEqualTo(Database.Dialect.H2);
        assertThatThrownBy(() -> Database.detectDialect(dataSource("MySQL", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageEndingWith("PostgreSQL or H2, the DataSource is MySQL");
        assertThatThrownBy(() -> Database.detectDialect(dataSource("H2 Embedded", true)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Database.detectDialect(dataSource(null, true))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDataSourceWithAutoCommitOffIsRefusedBecauseNothingWouldCommit() {
        assertThatThrownBy(() -> Database.of(dataSource("PostgreSQL", false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit off");
    }

    @Test
    void anUnreachableDataSourceIsNamedByItsStateOnly() {
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLException("password authentication failed for user admin", "28P01");
                });

        assertThatThrownBy(() -> Database.of(down))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot reach the DataSource to tell its database (SQLException, SQLState 28P01)");
    }

    @Test
    void aHostDataSourceIsDescribedByItsDialectAndNeverClosed() {
        DataSource host = dataSource("H2", true);
        Database database = Database.of(host, Database.Dialect.H2);

        database.close();

        assertThat(database).hasToString("Database[host DataSource (H2)]");
        assertThat(database.ownsDataSource()).isFalse();
        assertThat(database.dataSource()).isSameAs(host);
        assertThatThrownBy(() -> Database.of(null, Database.Dialect.H2)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Database.of(host, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aMalformedUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Database.fromUrl("mysql://admin:hunter2@db.example.org/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the database URL ")
                .hasMessageNotContaining("hunter2");
    }

    private static Throwable nested(Throwable root, int wrappers) {
        Throwable t = root;
        for (int i = 0; i < wrappers; i++) {
            t = new RuntimeException("level " + i, t);
        }
        return t;
    }

    /** A data source whose connections report this product name and auto-commit setting. */
    private static DataSource dataSource(String product, boolean autoCommit) {
        ClassLoader loader = DatabaseFailuresTest.class.getClassLoader();
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(loader, new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> method.getName().equals("getDatabaseProductName") ? product : null);
        Connection connection = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> metaData;
                    case "getAutoCommit" -> autoCommit;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
