package org.sosops.env.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The load and fault drill of the reference application, on loopback only and bounded in time:
 *
 * <ol>
 *   <li>{@code startup}: five cold starts, JVM launch to the first healthy answer;</li>
 *   <li>{@code throughput}: signed Twilio status callbacks at full speed (closed loop) for
 *       {@code --seconds}; throughput, p99 and the count of 5xx;</li>
 *   <li>{@code shared-limit}: two instances on one PostgreSQL database, one source address
 *       flooding both; the rate limit must hold for the pair;</li>
 *   <li>{@code db-cut}: refused webhooks arriving while PostgreSQL is cut mid-run; afterwards every
 *       refused request must have its failure record;</li>
 *   <li>{@code same-callback}, {@code kill-spool}: see {@link FleetPhases};</li>
 *   <li>{@code valid-cut}: see {@link StoreCutPhase}.</li>
 * </ol>
 *
 * Usage: {@code java -jar drill.jar --app-jar reference-app.jar [--phase all|startup|throughput|shared-limit|db-cut|same-callback|kill-spool|valid-cut]
 * [--seconds 30] [--threads 16] [--out DIR]}
 */
public final class Drill {
    static final String PG_SERVER = System.getenv().getOrDefault("SOSOPS_DRILL_POSTGRES", "127.0.0.1:5432");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path appJar;
    private final Path out;
    private final int seconds;
    private final int threads;
    private final String twilioToken = hex(16);

    private Drill(Path appJar, Path out, int seconds, int threads) {
        this.appJar = appJar;
        this.out = out;
        this.seconds = seconds;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--app-jar")) {
            System.err.println("usage: drill --app-jar JAR [--phase all|startup|throughput|shared-limit|db-cut|same-callback|kill-spool|valid-cut]"
                    + " [--seconds 30] [--threads 16] [--out DIR]");
            System.exit(2);
        }
        Path out = Path.of(options.getOrDefault("--out", "target/drill"));
        Files.createDirectories(out);
        Drill drill = new Drill(Path.of(options.get("--app-jar")), out,
                Integer.parseInt(options.getOrDefault("--seconds", "30")),
                Integer.parseInt(options.getOrDefault("--threads", "16")));
        String phase = options.getOrDefault("--phase", "all");
        boolean ok = true;
        if (phase.equals("all") || phase.equals("startup")) {
            ok &= drill.startup();
        }
        if (phase.equals("all") || phase.equals("throughput")) {
            ok &= drill.throughput();
        }
        if (phase.equals("all") || phase.equals("shared-limit")) {
            ok &= drill.sharedLimit();
        }
        if (phase.equals("all") || phase.equals("db-cut")) {
            ok &= drill.databaseCut();
        }
        if (phase.equals("all") || phase.equals("same-callback")) {
            ok &= FleetPhases.sameCallbackTwice(drill);
        }
        if (phase.equals("all") || phase.equals("kill-spool")) {
            ok &= FleetPhases.killWhileSpooling(drill);
        }
        if (phase.equals("all") || phase.equals("valid-cut")) {
            ok &= StoreCutPhase.run(drill);
        }
        System.out.println(ok ? "DRILL PASSED" : "DRILL FAILED");
        System.exit(ok ? 0 : 1);
    }

    // ---- phases ---------------------------------------------------------------------------

    private boolean startup() throws Exception {
        List<Long> millis = new ArrayList<>();
        try (ScratchDb db = ScratchDb.create()) {
            for (int i = 0; i < 5; i++) {
                int port = freePort();
                long start = System.nanoTime();
                try (AppProcess app = AppProcess.start(appJar, environment(port, db.databaseUrl(), "1000000/1s"),
                        port, out.resolve("startup-" + i + ".log"))) {
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        long worst = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
        report("startup", "cold starts to first healthy answer (ms): " + millis + "; worst " + worst + " ms (target < 5000)");
        return worst < 5_000;
    }

    /**
     * Twice: with PostgreSQL in dev (rate limit, seen ids and failures shared through the database,
     * as a fleet runs), then in local with no database server (embedded store, no rate limit), which
     * shows what HTTP, verification and the handler cost without the database round trips.
     */
    private boolean throughput() throws Exception {
        boolean ok;
        try (ScratchDb db = ScratchDb.create()) {
            ok = throughputOf("dev, PostgreSQL", environment(freePort(), db.databaseUrl(), "1000000/1s"));
        }
        Map<String, String> local = environment(freePort(), null, null, false);
        return throughputOf("local, embedded database", local) && ok;
    }

    private boolean throughputOf(String label, Map<String, String> env) throws Exception {
        int port = Integer.parseInt(env.get("APP_URL").substring(env.get("APP_URL").lastIndexOf(':') + 1));
        try (AppProcess app = AppProcess.start(appJar, env, port, out.resolve("throughput-" + port + ".log"))) {
            URI url = app.uri("/api/webhooks/twilio/status");
            // A short warm-up so the figures measure the steady state, not the JIT.
            new LoadClient().run(threads, Duration.ofSeconds(5), n -> signedStatus(url, label + "warm" + n), null);
            LoadResult result = new LoadClient().run(threads, Duration.ofSeconds(seconds),
                    n -> signedStatus(url, label + "run" + n), null);
            report("throughput", label + ", " + threads + " connections, " + seconds + " s: " + result.summary());
            return result.serverErrors() == 0 && result.transportErrorsAcceptable()
                    && result.count(200) == result.requests() - result.transportErrors();
        }
    }

    private boolean sharedLimit() throws Exception {
        int limit = 30;
        try (ScratchDb db = ScratchDb.create()) {
            int portA = freePort();
            int portB = freePort();
            Map<String, String> envA = environment(portA, db.databaseUrl(), limit + "/1m");
            Map<String, String> envB = environment(portB, db.databaseUrl(), limit + "/1m");
            try (AppProcess a = AppProcess.start(appJar, envA, portA, out.resolve("shared-a.log"));
                 AppProcess b = AppProcess.start(appJar, envB, portB, out.resolve("shared-b.log"))) {
                URI urlA = a.uri("/api/webhooks/twilio/status");
                URI urlB = b.uri("/api/webhooks/twilio/status");
                int runSeconds = 10;
                long start = System.nanoTime();
                LoadResult result = new LoadClient().run(threads, Duration.ofSeconds(runSeconds),
                        n -> n % 2 == 0 ? signedStatus(urlA, "a" + n) : signedStatus(urlB, "b" + n), null);
                double elapsedMinutes = (System.nanoTime() - start) / 60e9;
                long allowed = result.count(200) + result.count(204);
                long bound = limit + (long) Math.ceil(limit * elapsedMinutes);
                report("shared-limit", "two instances, one database, limit " + limit + "/1m per source: " + allowed
                        + " accepted (bound for the pair " + bound + ", one instance alone would accept up to "
                        + bound + " by itself, so two unshared ones " + 2 * bound + "); "
                        + result.count(429) + " answered 429 (" + result.retryAfterMissing()
                        + " without Retry-After); " + result.summary());
                return allowed <= bound && result.count(429) > 0 && result.retryAfterMissing() == 0
                        && result.serverErrors() == 0 && result.unexplainedTransportErrors() == 0;
            }
        }
    }

    private boolean databaseCut() throws Exception {
        return FailureAccounting.run(this);
    }

    // ---- requests -------------------------------------------------------------------------

    HttpRequest signedStatus(URI url, String id) {
        Map<String, String> params = statusParams(id);
        String signature = new TwilioSigner(twilioToken).sign(url.toString(), params);
        return LoadClient.post(url).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioSigner.form(params))).build();
    }

    /** A callback whose signature was made with the wrong key: refused and recorded as a failure. */
    HttpRequest forgedStatus(URI url, String id) {
        Map<String, String> params = statusParams(id);
        String signature = new TwilioSigner(hex(16)).sign(url.toString(), params);
        return LoadClient.post(url).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioSigner.form(params))).build();
    }

    private static Map<String, String> statusParams(String id) {
        String sid = "SM" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("ApiVersion", "2010-04-01");
        params.put("From", "+15555550100");
        params.put("To", "+15555550101");
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", "delivered");
        params.put("SmsStatus", "delivered");
        params.put("MessagingServiceSid", "MG" + "1".repeat(32));
        params.put("ErrorCode", "");
        params.put("RawDlrDoneDate", "2611220300");
        params.put("ChannelPrefix", "sms");
        return params;
    }

    // ---- environment ----------------------------------------------------------------------

    /** A complete dev environment for one instance, with fresh random secrets for this drill. */
    Map<String, String> environment(int port, String databaseUrl, String rateLimit) throws IOException {
        return environment(port, databaseUrl, rateLimit, true);
    }

    /** As above; {@code databaseUrl} or {@code rateLimit} null leaves the variable unset. */
    Map<String, String> environment(int port, String databaseUrl, String rateLimit, boolean dev) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("APP_ENV", dev ? "dev" : "local");
        env.put("APP_URL", "http://127.0.0.1:" + port);
        env.put("AUTH_SECRET", hex(24));
        env.put("LOG_LEVEL", "warn");
        if (databaseUrl != null) {
            env.put("DATABASE_URL", databaseUrl);
        }
        env.put("TWILIO_ACCOUNT_SID", "AC" + hex(16));
        env.put("TWILIO_AUTH_TOKEN", twilioToken);
        env.put("TWILIO_MESSAGING_SERVICE_SID", "MG" + hex(16));
        env.put("EMAIL_PROVIDER", "postmark");
        env.put("EMAIL_API_KEY", UUID.randomUUID().toString());
        env.put("EMAIL_FROM_NAME", "SOS Ops Drill");
        env.put("EMAIL_FROM_EMAIL", "drill@example.org");
        env.put("EMAIL_WEBHOOK_SIGNING_SECRET", hex(20));
        env.put("UPSTASH_REDIS_REST_URL", "https://drill.upstash.example.io");
        env.put("UPSTASH_REDIS_REST_TOKEN", hex(20));
        if (rateLimit != null) {
            env.put("SOSOPS_WEBHOOK_RATE_LIMIT", rateLimit);
        }
        env.put("SOSOPS_RISKS_DECISIONS_FILE", register().toString());
        env.put("SOSOPS_WEBHOOK_DATA_DIR", out.resolve("data-" + port).toString());
        return env;
    }

    /**
     * The drill's database is a throw-away {@code sosops_drill_*} database on the local server, not
     * {@code sos_ops_dev}: the exception process covers exactly that, for one day.
     */
    private Path register() throws IOException {
        Path file = out.resolve("RISKS_DECISIONS.md");
        LocalDate today = LocalDate.now();
        Files.writeString(file, "# Drill exceptions\n\n## DRILL-1 Throw-away database for the load drill\n\n"
                + "- Rule: database-separation\n- Environment: dev\n- Variable: DATABASE_URL\n"
                + "- Rationale: the drill runs against a scratch database it creates and drops.\n"
                + "- Expires: " + today.plusDays(1) + "\n- Rollback plan: stop the drill; it drops its database.\n"
                + "- Approved by: the drill's runbook, docs/benchmarks.md (" + today + ")\n");
        return file;
    }

    Path out() {
        return out;
    }

    Path appJar() {
        return appJar;
    }

    int threads() {
        return threads;
    }

    static void report(String phase, String text) {
        System.out.println("[" + phase + "] " + text);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** A throw-away database {@code sosops_drill_<random>}, dropped on close. */
    static final class ScratchDb implements AutoCloseable {
        final String name;

        private ScratchDb(String name) {
            this.name = name;
        }

        static ScratchDb create() throws SQLException {
            String name = "sosops_drill_" + hex(4);
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new ScratchDb(name);
        }

        String databaseUrl() {
            return "postgresql://postgres@" + PG_SERVER + "/" + name;
        }

        String databaseUrlThrough(int port) {
            return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + PG_SERVER + "/" + name, user());
        }

        static InetSocketAddress serverAddress() {
            String[] parts = PG_SERVER.split(":");
            return new InetSocketAddress(parts[0], Integer.parseInt(parts[1]));
        }

        private static Connection admin() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + PG_SERVER + "/postgres", user());
        }

        private static Properties user() {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            return p;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
