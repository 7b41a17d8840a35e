package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;

/**
 * The attacks of the guard's threat table, fired over real HTTP at the reference application in
 * dev on PostgreSQL by someone who holds one genuine, correctly signed Twilio callback.
 */
class GuardAttacksHttpTest {
    static final String APP_URL = "https://dev-ops.example.org";
    static final String STATUS = "/api/webhooks/twilio/status";
    static final String ADMIN_TOKEN = "admin-" + java.util.UUID.randomUUID();
    static final String MEMBER_TOKEN = "member-" + java.util.UUID.randomUUID();

    @TempDir
    static Path dir;
    private static ScratchDatabase database;
    private static FakeEnvironment dev;
    /** A generous rate, for the replay attacks. */
    private static ReferenceApp app;
    /** The default-like rate (30/1m) behind a trusted proxy at 127.0.0.1, for the budget attacks. */
    private static ReferenceApp limited;

    @BeforeAll
    static void start() throws Exception {
        database = ScratchDatabase.create("attacks");
        dev = FakeEnvironment.builder(AppEnv.DEV).set("DATABASE_URL", database.databaseUrl()).set("APP_URL", APP_URL).build();
        app = start(dev, dir.resolve("a"), Map.of("SOSOPS_WEBHOOK_RATE_LIMIT", "100000/1m"));
        limited = start(dev, dir.resolve("b"), Map.of("SOSOPS_WEBHOOK_RATE_LIMIT", "30/1m"));
    }

    @AfterAll
    static void stop() {
        limited.close();
        app.close();
        database.close();
    }

    @Test
    void aReplayWithAFreshIdempotencyTokenIsADuplicate() throws Exception {
        SignedWebhook genuine = status("SM" + "1".repeat(32));
        long before = app.handledWebhooks(STATUS);
        assertThat(post(app, STATUS, genuine, Map.of("I-Twilio-Idempotency-Token", "first")).body()).isEqualTo("ok");

        HttpResponse<String> replay = post(app, STATUS, genuine, Map.of("I-Twilio-Idempotency-Token", "fresh-one"));

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate");
        assertThat(app.handledWebhooks(STATUS)).isEqualTo(before + 1);
    }

    @Test
    void aReplayWithThePercentEncodedNameMessage53idIsADuplicate() throws Exception {
        SignedWebhook genuine = status("SM" + "2".repeat(32));
        assertThat(post(app, STATUS, genuine, Map.of()).body()).isEqualTo("ok");
        byte[] reEncoded = new String(genuine.body(), StandardCharsets.UTF_8).replace("MessageSid", "Message%53id")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> replay = post(app, STATUS, new SignedWebhook(genuine.url(), genuine.contentType(),
                genuine.headers(), reEncoded), Map.of());

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate");
    }

    @Test
    void aReplayWithACopyOfASignedPairAppendedIsADuplicate() throws Exception {
        SignedWebhook genuine = status("SM" + "9".repeat(32));
        assertThat(post(app, STATUS, genuine, Map.of()).body()).isEqualTo("ok");
        byte[] padded = (new String(genuine.body(), StandardCharsets.UTF_8) + "&MessageSid=SM" + "9".repeat(32))
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> replay = post(app, STATUS, new SignedWebhook(genuine.url(), genuine.contentType(),
                genuine.headers(), padded), Map.of());

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate");
    }

    @Test
    void aReplayWithAContentTypeFollowedByJunkIsRefused() throws Exception {
        SignedWebhook genuine = status("SM" + "3".repeat(32));
        assertThat(post(app, STATUS, genuine, Map.of()).body()).isEqualTo("ok");

        HttpResponse<String> replay = post(app, STATUS, new SignedWebhook(genuine.url(),
                "application/x-www-form-urlencoded x", genuine.headers(), genuine.body()), Map.of());

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).isEqualTo("unsupported-content-type");
    }

    @Test
    void aReplayWithAFourHundredCharacterIdempotencyTokenIsADuplicate() throws Exception {
        SignedWebhook genuine = status("SM" + "4".repeat(32));
        assertThat(post(app, STATUS, genuine, Map.of()).body()).isEqualTo("ok");

        HttpResponse<String> replay = post(app, STATUS, genuine, Map.of("I-Twilio-Idempotency-Token", "t".repeat(400)));

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate");
    }

    @Test
    void fortyUnsignedJunkPostsFromOneSourceDoNotGetItsGenuineCallbackA429() throws Exception {
        Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.40");
        List<Integer> junk = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            junk.add(post(limited, STATUS, new SignedWebhook(APP_URL + STATUS, "application/x-www-form-urlencoded",
                    Map.of(), ("junk=" + i).getBytes(StandardCharsets.UTF_8)), from).statusCode());
        }
        // 30 tokens, refilled one per two seconds: the source's refused budget is spent well before the 40th.
        assertThat(junk.subList(0, 30)).containsOnly(403);
        assertThat(junk.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(5);
        assertThat(junk.get(39)).isEqualTo(429);

        HttpResponse<String> genuine = post(limited, STATUS, status("SM" + "5".repeat(32)), from);

        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).isEqualTo("ok");
    }

    @Test
    void aSpoofedForwardedForLeftOfTheTrustedProxyDoesNotChangeTheBucket() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // The client writes any address it likes; our proxy (127.0.0.1) appends the real one on the right.
            statuses.add(post(limited, STATUS, junk(), Map.of("X-Forwarded-For", "10.9.8." + i + ", 198.51.100.41"))
                    .statusCode());
        }
        assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(5);
        assertThat(statuses.get(39)).isEqualTo(429);
    }

    @Test
    void ipv6NeighboursInOneSlash64ShareABucket() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(post(limited, STATUS, junk(), Map.of("X-Forwarded-For", "2001:db8:77:1::" + Integer.toHexString(i + 1)))
                    .statusCode());
        }
        assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(5);
        assertThat(statuses.get(39)).isEqualTo(429);
        assertThat(post(limited, STATUS, junk(), Map.of("X-Forwarded-For", "2001:db8:77:2::1")).statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyOverTheCapIs413BeforeItIsReadDeclaredOrChunked() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST " + STATUS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 4000000\r\n\r\nM").getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
        }
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + STATUS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // No length is announced: the server counts the chunks as they stream and stops at the cap.
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                try {
                    for (int i = 0; i < 24; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (java.io.IOException e) {
                    // The server answered and closed: exactly what is expected.
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
        }
    }

    @Test
    void eightySlowClientsDoNotStarveTheHealthEndpoint() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Socket socket = new Socket("127.0.0.1", app.port());
                // Half announce more than the cap, half announce a body under it; each sends one byte and stalls.
                String length = i % 2 == 0 ? "4000000" : "1000000";
                socket.getOutputStream().write(("POST " + STATUS + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\nM")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> health = ReferenceAppHttpTest.send(HttpRequest.newBuilder(app.baseUri().resolve("/api/health")));
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void postingAMessageWithoutCredentialsIs401AndAMemberIs403InDev() throws Exception {
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(app.baseUri().resolve("/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(ReferenceAppHttpTest.send(anonymous).statusCode()).isEqualTo(401);

        HttpRequest.Builder member = HttpRequest.newBuilder(app.baseUri().resolve("/api/messages"))
                .header("Authorization", "Bearer " + MEMBER_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(ReferenceAppHttpTest.send(member).statusCode()).isEqualTo(403);

        HttpRequest.Builder admin = HttpRequest.newBuilder(app.baseUri().resolve("/api/messages"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(ReferenceAppHttpTest.send(admin).statusCode()).isEqualTo(400);   // past the door, refused for its body
    }

    // --- helpers shared with the store-cut test ---

    static ReferenceApp start(FakeEnvironment env, Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> variables = new HashMap<>(env.asMap());
        variables.put("PORT", "0");
        variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        variables.put("LOG_LEVEL", "warn");
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dataDir.toString());
        variables.put("SOSOPS_TRUSTED_PROXIES", "127.0.0.1/32");
        variables.put(StaffTokens.VARIABLE, "admin:sha256:" + StaffTokens.digest(ADMIN_TOKEN) + ",member:sha256:"
                + StaffTokens.digest(MEMBER_TOKEN));
        variables.putAll(extra);
        Files.createDirectories(dataDir);
        EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings()
                .register(register(dataDir, env.environment())).load();
        return ReferenceApp.start(policy);
    }

    /** The scratch database is not the environment's own: waived through the exception register, as a team would. */
    private static Path register(Path dir, AppEnv env) throws Exception {
        Path file = dir.resolve("RISKS_DECISIONS.md");
        LocalDate today = LocalDate.now();
        Files.writeString(file, "## TEST-1 Scratch database for this test\n\n- Rule: database-separation\n"
                + "- Environment: " + env.id() + "\n- Rationale: a throw-away database per test run\n- Expires: "
                + today.plusDays(1) + "\n- Rollback plan: the test drops the database\n- Approved by: the test suite ("
                + today + ")\n");
        return file;
    }

    static SignedWebhook status(FakeEnvironment env, String messageSid) {
        Secret token = env.secret("TWILIO_AUTH_TOKEN").orElseThrow();
        return TwilioSigner.withAuthToken(token).signForm(APP_URL + STATUS,
                List.of(Map.entry("MessageSid", messageSid), Map.entry("MessageStatus", "delivered"),
                        Map.entry("AccountSid", "AC" + "0".repeat(32))));
    }

    private static SignedWebhook status(String messageSid) {
        return status(dev, messageSid);
    }

    private static SignedWebhook junk() {
        return new SignedWebhook(APP_URL + STATUS, "application/x-www-form-urlencoded", Map.of(),
                "MessageSid=forged".getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(ReferenceApp target, String path, SignedWebhook webhook, Map<String, String> extra)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.baseUri().resolve(path))
                .header("Content-Type", webhook.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        headers.putAll(extra);
        headers.forEach(request::header);
        return ReferenceAppHttpTest.send(request);
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }
}
