package org.sosops.env.referenceapp.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/health/ready}: {@code 200 {"status":"ready"}} only while the application's
 * database answers a query, {@code 503 {"status":"unavailable"}} with {@code Retry-After}
 * otherwise. Unlike {@code /api/health}, it touches the database on every call, with a 2-second
 * limit, so a deploy's smoke check sees a database the application cannot use.
 *
 * <pre>{@code
 * router.get("/api/health/ready", ReadinessEndpoint.forDatabase(url, () -> embeddedStoreAnswers()));
 * }</pre>
 */
public final class ReadinessEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessEndpoint.class);
    private static final int TIMEOUT_SECONDS = 2;

    private final String database;
    private final BooleanSupplier answers;

    ReadinessEndpoint(String database, BooleanSupplier answers) {
        this.database = database;
        this.answers = answers;
    }

    /** PostgreSQL when {@code DATABASE_URL} is set, else the embedded store's own probe. */
    public static ReadinessEndpoint forDatabase(Optional<DatabaseUrl> url, BooleanSupplier embedded) {
        return url.map(u -> new ReadinessEndpoint("postgresql", () -> selectOne(u)))
                .orElseGet(() -> new ReadinessEndpoint("embedded", embedded));
    }

    @Override
    public void handle(Exchange exchange) {
        boolean ready = answers.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "unavailable");
        body.put("database", database);
        if (!ready) {
            exchange.header("Retry-After", "5");
        }
        exchange.json(ready ? 200 : 503, body);
    }

    private static boolean selectOne(DatabaseUrl url) {
        Properties properties = new Properties();
        url.user().ifPresent(u -> properties.setProperty("user", u));
        url.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), properties); Statement s = c.createStatement()) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            // The SQL state only: a driver message may quote the URL.
            LOG.warn("readiness: the database does not answer (SQL state {})", e.getSQLState());
            return false;
        }
    }
}
