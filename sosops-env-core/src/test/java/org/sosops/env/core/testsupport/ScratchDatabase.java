package org.sosops.env.core.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A throw-away PostgreSQL database on the test server, created with a unique name and dropped on
 * {@link #close()}. The server comes from {@code SOSOPS_TEST_POSTGRES} (a JDBC URL without a
 * database, default {@code jdbc:postgresql://127.0.0.1:5432/}) as user {@code postgres}.
 *
 * <p>Tests fail, never skip, when the server is down: PostgreSQL is part of the build.
 *
 * <pre>{@code
 * try (ScratchDatabase db = ScratchDatabase.create("flags")) {
 *     try (Connection c = db.connect()) { ... }
 * }
 * }</pre>
 */
public final class ScratchDatabase implements AutoCloseable {
    private static final String SERVER = System.getenv().getOrDefault("SOSOPS_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("SOSOPS_TEST_POSTGRES_USER", "postgres");

    private final String name;

    private ScratchDatabase(String name) {
        this.name = name;
    }

    /** Creates a database named {@code sosops_test_<purpose>_<random>}. */
    public static ScratchDatabase create(String purpose) {
        String name = ("sosops_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", properties());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at "
                    + SERVER + " as " + USER + " (start it: pg_ctlcluster --skip-systemctl-redirect "
                    + "$(ls /etc/postgresql) main start): " + e.getMessage(), e);
        }
        return new ScratchDatabase(name);
    }

    public String name() {
        return name;
    }

    /** {@code jdbc:postgresql://127.0.0.1:5432/<name>} */
    public String jdbcUrl() {
        return SERVER + name;
    }

    /** {@code postgresql://postgres@127.0.0.1:5432/<name>}, the DATABASE_URL form. */
    public String databaseUrl() {
        return SERVER.replace("jdbc:postgresql://", "postgresql://" + USER + "@") + name;
    }

    public String user() {
        return USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties());
    }

    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", properties());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop scratch database " + name, e);
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        return properties;
    }
}
