package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * What the standard guard turns on by environment, on a host's own (in-memory H2) DataSource: the
 * default rate limit where the policy limits rates, the variable's limit anywhere, and alerts to
 * {@code SOSOPS_WEBHOOK_ALERT_URL} only where the policy alerts.
 */
class StandardGuardByEnvironmentTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221190";
    private final MutableClock clock = MutableClock.at(1_800_000_000L);
    private final BlockingQueue<String> alerts = new ArrayBlockingQueue<>(100);
    private HttpServer alertServer;
    private JdbcDataSource host;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        alertServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertServer.createContext("/hook", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        alertServer.start();
        host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void stop() {
        alertServer.stop(0);
    }

    private Map<String, String> variables(String env) {
        Map<String, String> v = new HashMap<>();
        v.put("APP_ENV", env);
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        v.put("SOSOPS_PROVIDERS", "twilio");
        v.put("SOSOPS_WEBHOOK_ALERT_URL", "http://127.0.0.1:" + alertServer.getAddress().getPort() + "/hook");
        return v;
    }

    private static EnvironmentPolicy policy(Map<String, String> variables) {
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(RuleEngine.of(List.of())).load();
    }

    private static WebhookRequest unsigned() throws Exception {
        return WebhookRequest.builder("POST", WebhookGuards.TWILIO_INBOUND)
                .header("Content-Type", "application/x-www-form-urlencoded").body("From=%2B1".getBytes(StandardCharsets.UTF_8))
                .sourceAddress(InetAddress.getByName("198.51.100.7")).build();
    }

    private int storedFailures() throws SQLException {
        try (Connection c = host.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + JdbcFailureStore.TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void stagingLimitsEachSourceToThirtyAMinuteByDefaultStoresInTheHostsDatabaseAndAlerts() throws Exception {
        Map<String, String> v = variables("staging");
        v.put("TWILIO_AUTH_TOKEN", TOKEN);
        WebhookGuard guard = WebhookGuards.fromPolicy(policy(v), host, clock);

        for (int i = 0; i < 30; i++) {
            assertThat(guard.handle(unsigned(), (r, id) -> { }).status()).as("request " + (i + 1)).isEqualTo(403);
        }
        assertThat(guard.handle(unsigned(), (r, id) -> { }).status()).isEqualTo(429);

        assertThat(storedFailures()).isEqualTo(30);
        String alert = alerts.poll(20, TimeUnit.SECONDS);
        assertThat(alert).as("an alert reached SOSOPS_WEBHOOK_ALERT_URL").isNotNull()
                .contains("\"environment\":\"staging\"").contains("\"reason\":\"missing-signature\"");
        guard.close();
    }

    @Test
    void localLimitsRatesOnlyWhenTheVariableIsSetAndNeverAlerts() throws Exception {
        Map<String, String> unlimited = variables("local");
        WebhookGuard open = WebhookGuards.fromPolicy(policy(unlimited), host, clock);
        for (int i = 0; i < 31; i++) {
            assertThat(open.handle(unsigned(), (r, id) -> { }).status()).as("request " + (i + 1)).isEqualTo(200);
        }
        open.close();

        Map<String, String> limited = variables("local");
        limited.put("SOSOPS_WEBHOOK_RATE_LIMIT", "1/1h");
        limited.put("TWILIO_AUTH_TOKEN", TOKEN);
        WebhookGuard guard = WebhookGuards.fromPolicy(policy(limited), host, clock);
        assertThat(guard.handle(unsigned(), (r, id) -> { }).status()).isEqualTo(403);
        assertThat(guard.handle(unsigned(), (r, id) -> { }).status()).isEqualTo(429);

        // The refusal above was stored; an alert for it would have been sent at once.
        assertThat(storedFailures()).isEqualTo(1);
        assertThat(alerts.poll(1, TimeUnit.SECONDS)).as("no alert in local").isNull();
        guard.close();
    }
}
