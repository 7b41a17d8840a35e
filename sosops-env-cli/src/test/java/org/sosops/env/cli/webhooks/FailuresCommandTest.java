package org.sosops.env.cli.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.cli.Main;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/**
 * {@code webhooks failures list|replay|purge} against real PostgreSQL, with records written by a
 * real guard. The replay target is a local HTTP server that counts what reaches it: a forged record
 * must never get there, with or without {@code --include-refused}.
 */
class FailuresCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221100";
    private static final String APP_URL = "https://ops.example.org";
    private static final String PATH = "/api/webhooks/twilio/status";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final Map<String, String> environment = new HashMap<>();
    private UnaryOperator<String> previous;
    private ScratchDatabase db;
    private FailureStore store;
    private HttpServer target;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        db = ScratchDatabase.create("clifailures");
        store = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl()));
        environment.put("DATABASE_URL", db.databaseUrl());
        environment.put("TWILIO_AUTH_TOKEN", TOKEN);
        environment.put("APP_URL", APP_URL);
        previous = ProcessEnvironment.replace(environment::get);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/internal/replay", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.add(exchange.getRequestHeaders().getFirst("X-Sosops-Replay-Endpoint") + " "
                    + exchange.getRequestHeaders().getFirst("X-Twilio-Signature") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void tearDown() {
        ProcessEnvironment.replace(previous);
        FailuresCommand.clock = Clock.systemUTC();
        target.stop(0);
        db.close();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String to() {
        return "http://127.0.0.1:" + target.getAddress().getPort() + "/internal/replay";
    }

    private FailureRecord stored(String body, String signature, boolean handlerFails) throws Exception {
        WebhookGuard guard = WebhookGuard.builder().environment("staging").strict(true).failureStore(store)
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create(APP_URL))).build();
        int before = store.list(1000).size();
        guard.handle(WebhookRequest.builder("POST", PATH).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).header("X-Hook-Key", "hook-key-4f9d2a")
                .body(body.getBytes(StandardCharsets.UTF_8)).build(), (request, id) -> {
                    if (handlerFails) {
                        throw new IllegalStateException("down");
                    }
                });
        List<FailureRecord> all = store.list(1000);
        assertThat(all).hasSize(before + 1);
        return all.stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).equals(body)).findFirst().orElseThrow();
    }

    static String sign(String url, String body) throws Exception {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            pairs.add(new String[] {kv[0], kv[1]});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        for (String[] p : pairs) {
            data.append(p[0]).append(p[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listPrintsExactlyTheDocumentedJsonShapeAndReadsTheUrlFromTheNamedVariable() throws Exception {
        FailureRecord forged = stored("MessageSid=SM1&MessageStatus=sent", "AAAA", false);
        environment.put("OPS_DB", environment.remove("DATABASE_URL"));

        assertThat(run("webhooks", "failures", "list", "--database-url-env", "OPS_DB", "--format", "json")).as(err).isZero();
        JsonNode root = JSON.readTree(out);
        assertThat(root.properties()).extracting(Map.Entry::getKey).containsExactly("failures");
        JsonNode failure = root.get("failures").get(0);
        assertThat(failure.properties()).extracting(Map.Entry::getKey)
                .containsExactly("id", "request_id", "endpoint", "provider", "reason", "received_at", "replayed");
        assertThat(failure.get("id").asText()).isEqualTo(forged.id());
        assertThat(failure.get("endpoint").asText()).isEqualTo(PATH);
        assertThat(failure.get("provider").asText()).isEqualTo("twilio");
        assertThat(failure.get("reason").asText()).startsWith("malformed-signature");
        assertThat(failure.get("received_at").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(failure.get("replayed").asBoolean()).isFalse();
    }

    @Test
    void aForgedRecordNeverReachesTheReplayTargetWithOrWithoutIncludeRefused() throws Exception {
        FailureRecord forged = stored("MessageSid=SMforged&MessageStatus=delivered", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", false);

        assertThat(run("webhooks", "failures", "replay", "--id", forged.id(), "--to", to(), "--format", "json")).isEqualTo(1);
        assertThat(JSON.readTree(out).get("replayed").get(0).get("reason").asText()).contains("--include-refused");
        assertThat(run("webhooks", "failures", "replay", "--id", forged.id(), "--to", to(), "--include-refused")).isEqualTo(1);
        assertThat(out).contains("NOT replayed").contains("does not verify now");

        assertThat(received).isEmpty();
        assertThat(store.find(forged.id()).orElseThrow().replayed()).isFalse();
    }

    @Test
    void aGenuineFailureIsReVerifiedAgainstTheCurrentSecretThenHandedOnWithItsSignature() throws Exception {
        String body = "MessageSid=SMok&MessageStatus=delivered";
        String signature = sign(APP_URL + PATH, body);
        FailureRecord failed = stored(body, signature, true);

        environment.put("TWILIO_AUTH_TOKEN", "00112233445566778899aabbccddeeff");   // rotated: it no longer verifies
        assertThat(run("webhooks", "failures", "replay", "--id", failed.id(), "--to", to())).isEqualTo(1);
        assertThat(received).isEmpty();

        environment.put("TWILIO_AUTH_TOKEN", TOKEN);
        environment.put("STAFF_TOKEN", "staff-token-5a1c");
        assertThat(run("webhooks", "failures", "replay", "--id", failed.id(), "--to", to(), "--bearer-token-env", "STAFF_TOKEN"))
                .as(out + err).isZero();
        assertThat(received).containsExactly(PATH + " " + signature + " " + body);
        assertThat(authorizations).containsExactly("Bearer staff-token-5a1c");
        assertThat(store.find(failed.id()).orElseThrow().replayed()).isTrue();
        assertThat(out + err).doesNotContain(TOKEN);
    }

    @Test
    void aTamperedStoredBodyIsReportedAndSkipped() throws Exception {
        String body = "MessageSid=SMt&MessageStatus=delivered";
        FailureRecord failed = stored(body, sign(APP_URL + PATH, body), true);
        try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE sosops_webhook_failures SET body = ? WHERE id = ?")) {
            update.setBytes(1, "MessageSid=SMt&MessageStatus=failed".getBytes(StandardCharsets.UTF_8));
            update.setString(2, failed.id());
            update.executeUpdate();
        }
        assertThat(run("webhooks", "failures", "replay", "--all", "--to", to())).isEqualTo(1);
        assertThat(out).contains(failed.id()).contains("does not verify now");
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingSecretIsReportedByVariableNameAndNothingIsHandedOn() throws Exception {
        String body = "MessageSid=SMs&MessageStatus=delivered";
        FailureRecord failed = stored(body, sign(APP_URL + PATH, body), true);
        environment.remove("TWILIO_AUTH_TOKEN");
        assertThat(run("webhooks", "failures", "replay", "--id", failed.id(), "--to", to())).isEqualTo(1);
        assertThat(out).contains("TWILIO_AUTH_TOKEN is not set");
        environment.put("OTHER_TOKEN", TOKEN);
        assertThat(run("webhooks", "failures", "replay", "--id", failed.id(), "--to", to(), "--secret-env", "OTHER_TOKEN"))
                .as(out + err).isZero();
        assertThat(received).hasSize(1);
    }

    @Test
    void purgeDeletesOnlyRecordsOlderThanTheGivenAge() throws Exception {
        FailureRecord old = stored("MessageSid=SMold&MessageStatus=sent", "AAAA", false);
        FailuresCommand.clock = Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC);
        store.record(new FailureRecord("recent-1", "req-recent", PATH, "twilio", "signature-mismatch: x",
                T0.plus(Duration.ofDays(20)), Map.of(), new byte[0], java.util.Optional.empty(), java.util.Optional.empty()));

        assertThat(run("webhooks", "failures", "purge", "--older-than", "30d", "--format", "json")).as(err).isZero();
        assertThat(JSON.readTree(out).get("deleted").asInt()).isEqualTo(1);
        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find("recent-1")).isPresent();
        assertThat(run("webhooks", "failures", "purge", "--older-than", "a month")).isEqualTo(2);
        assertThat(err).contains("--older-than").contains("30d");
    }

    @Test
    void noDatabaseUrlOnTheCommandLineAndErrorsNameTheVariableNeverItsValue() {
        assertThat(run("webhooks", "failures", "list", "--database-url", db.databaseUrl())).isEqualTo(2);
        assertThat(err).doesNotContain(db.databaseUrl());
        environment.put("BROKEN_DB", "postgresql://postgres:hunter2@127.0.0.1:1/x");
        assertThat(run("webhooks", "failures", "list", "--database-url-env", "BROKEN_DB")).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").doesNotContain("hunter2").contains("BROKEN_DB");
        assertThat(run("webhooks", "failures", "list", "--database-url-env", "UNSET_DB")).isEqualTo(2);
        assertThat(err).contains("UNSET_DB is not set");
        assertThat(run("webhooks", "failures", "list", "--database-url-env", "postgresql://postgres:hunter2@h/x")).isEqualTo(2);
        assertThat(err).doesNotContain("hunter2");
    }
}
