package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.SosOpsEnvCommand;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;
import picocli.CommandLine;

/**
 * The promise "no secret value in any output, log line, stored record or exception text", tested
 * from outside across the whole suite: distinctive values are planted in every secret variable
 * (and a password in {@code DATABASE_URL}, a secret path in the alert URL, bearer tokens), then
 * every command runs with good and broken inputs in text and JSON, the reference application
 * starts (and refuses to start) and takes signed, forged and malformed webhooks, and everything
 * written — stdout, stderr, slf4j log lines, failure records in PostgreSQL, spool files,
 * exception texts — is searched for the values and their base64 and URL-encoded forms.
 */
class SecretLeakTest {
    /** Distinctive values that pass every format and strength rule, so a good start-up really runs. */
    private static final Map<String, String> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("AUTH_SECRET", "Kq7vR2mX9pLw4Tz8Nc3Hb6Yd1Fs5Gj0Qe");
        PLANTED.put("TWILIO_AUTH_TOKEN", "7c1e9a4f0b2d83e65fa0c4d19e8b7a53");
        PLANTED.put("TWILIO_WEBHOOK_SIGNING_SECRET", "Vn3Kp8Qw2Ze5Rt7Yu1Io4Mx6Lc9Bd");
        PLANTED.put("EMAIL_API_KEY", "3f7b2c9e-8a41-4d6f-b0e5-c19a72d4e8f3");
        PLANTED.put("EMAIL_WEBHOOK_SIGNING_SECRET", "Hq4Wn8Zr2Xc6Vb9Ml3Ks7Pt1Jd5");
        PLANTED.put("UPSTASH_REDIS_REST_TOKEN", "AXa9Ub2Vc8Wd3Xe7Yf4Zg1Ah6Bi5Cj");
        PLANTED.put("BLOB_READ_WRITE_TOKEN", "vercel_blob_rw_Pz6Qy1Rx8Sw3Tv");
        PLANTED.put("LAUNCH_ADMIN_BEARER_TOKEN", "adm-Gf5Hd2Js9Ka4Lq7Mw3Ne8Or1");
        PLANTED.put("LAUNCH_MEMBER_BEARER_TOKEN", "mbr-Yt6Ur3Ie9Ow2Pq5As8Dl1Fk4");
    }

    /** Inside DATABASE_URL (PostgreSQL trusts local connections, so any password connects). */
    private static final String DB_PASSWORD = "Wp4Xq9Zr2Ts7Uv";
    /** Chat webhook URLs carry their secret in the path. */
    private static final String ALERT_PATH_SECRET = "T0B0Lk8Jh3Gf6Ds1Aq";

    @TempDir
    static Path dir;
    private static ScratchDatabase database;
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    /** Everything the JVM wrote to stdout/stderr while this class ran: slf4j-simple logs go to stderr. */
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    private final StringBuilder seen = new StringBuilder();
    private UnaryOperator<String> previousEnvironment;
    private Map<String, String> environment;

    @BeforeAll
    static void captureConsoleAndCreateDatabase() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
        database = ScratchDatabase.create("leak");
    }

    @AfterAll
    static void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        database.close();
        assertNoSecretIn("console and log output of the whole class", CONSOLE.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void plantEnvironment() {
        environment = new LinkedHashMap<>(PLANTED);
        environment.put("DATABASE_URL", databaseUrl());
        environment.put("BROKEN_DATABASE_URL", "postgresql://postgres:" + DB_PASSWORD + "@127.0.0.1:1/sos_ops_dev");
        environment.put("MALFORMED_DATABASE_URL", "postgresql://postgres:" + DB_PASSWORD + "@db host/sos_ops_dev");
        previousEnvironment = ProcessEnvironment.replace(environment::get);
    }

    @AfterEach
    void restoreEnvironment() {
        ProcessEnvironment.replace(previousEnvironment);
    }

    @Test
    void noCommandPrintsAPlantedSecretWithGoodOrBrokenInputs() throws Exception {
        Path dev = envFile("dev.env", devVariables());
        Path staging = envFile("staging.env", stagingSharingDevSecrets());
        Path broken = Files.writeString(dir.resolve("broken.env"), String.join("\n",
                "APP_ENV=dev",
                "AUTH_SECRET=" + PLANTED.get("AUTH_SECRET"),
                "TWILIO_AUTH_TOKEN=\"" + PLANTED.get("TWILIO_AUTH_TOKEN") + "-not-hex",
                "DATABASE_URL=postgresql://postgres:" + DB_PASSWORD + "@db:notaport/sos_ops_dev",
                "EMAIL_API_KEY " + PLANTED.get("EMAIL_API_KEY"),
                "UPSTASH_REDIS_REST_TOKEN='" + PLANTED.get("UPSTASH_REDIS_REST_TOKEN"),
                "SOSOPS_WEBHOOK_ALERT_URL=" + alertUrl()) + "\n");
        Path example = Files.writeString(dir.resolve(".env.example"),
                "AUTH_SECRET=" + PLANTED.get("AUTH_SECRET") + "\nTWILIO_AUTH_TOKEN=" + PLANTED.get("TWILIO_AUTH_TOKEN") + "\n");
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.writeString(source.resolve("Config.java"), "class Config {\n  String AUTH_SECRET = \""
                + PLANTED.get("AUTH_SECRET") + "\";\n  String TWILIO_AUTH_TOKEN = \"" + PLANTED.get("TWILIO_AUTH_TOKEN")
                + "\";\n}\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__risky.sql"), "ALTER TABLE users DROP COLUMN password_hash;\n");
        Files.writeString(migrations.resolve("V2__broken.sql"), "INSERT INTO t VALUES ('" + PLANTED.get("AUTH_SECRET"));
        Path backups = Files.createDirectories(dir.resolve("backups"));
        Files.write(backups.resolve("sos_ops_dev-2026-01-01.sql.gz"), ("not gzip " + DB_PASSWORD).getBytes());

        for (String format : List.of("text", "json")) {
            cli("check", "--env-file", dev.toString(), "--format", format);
            cli("check", "--env-file", broken.toString(), "--format", format);
            cli("check", "--env-file", staging.toString(), "--env", "staging", "--format", format);
            cli("secrets", "--env-file", dev.toString(), "--env-file", staging.toString(), "--example",
                    example.toString(), "--scan", source.toString(), "--format", format);
            cli("secrets", "--env-file", broken.toString(), "--format", format);
            cli("secrets", "fingerprint", "--env-file", dev.toString(), "--format", format);
            cli("secrets", "fingerprint", "--env-file", broken.toString(), "--format", format);
            cli("migrations", "check", migrations.toString(), "--format", format);
            cli(concat(new String[] {"migrations", "promotable", "--format", format},
                    database("migrations/promotable", "--from-database-url", "--from-database-url-env", "DATABASE_URL"),
                    database("migrations/promotable", "--to-database-url", "--to-database-url-env", "BROKEN_DATABASE_URL")));
            cli(concat(new String[] {"restore", "--backups", backups.toString(), "--format", format},
                    database("restore", "--database-url", "--database-url-env", "DATABASE_URL")));
            cli(concat(new String[] {"restore", "--backups", backups.toString(), "--format", format},
                    database("restore", "--database-url", "--database-url-env", "MALFORMED_DATABASE_URL")));
            cli("flags", "resolve", "--org", "org_1", "--env-file", dev.toString(), "--database-url-env", "DATABASE_URL",
                    "--format", format);
            cli("flags", "resolve", "--org", "org_1", "--env-file", dev.toString(), "--database-url-env",
                    "BROKEN_DATABASE_URL", "--format", format);
            cli("flags", "resolve", "--org", "org_1", "--env-file", dev.toString(), "--database-url-env",
                    "MALFORMED_DATABASE_URL", "--format", format);
            cli("entitlements", "resolve", "--org", "org_1", "--env-file", dev.toString(), "--format", format);
            cli("entitlements", "resolve", "--org", "org_1", "--env-file", broken.toString(), "--format", format);
            cli(concat(new String[] {"webhooks", "failures", "list", "--format", format},
                    database("webhooks/failures/list", "--database-url", "--database-url-env", "DATABASE_URL")));
            cli(concat(new String[] {"webhooks", "failures", "list", "--format", format},
                    database("webhooks/failures/list", "--database-url", "--database-url-env", "BROKEN_DATABASE_URL")));
            verifyCommands(format);
            // Commands that read the process environment directly run as a real process.
            cliProcess("launch-gate", "--env-file", dev.toString(), "--scan", source.toString(), "--migrations",
                    migrations.toString(), "--format", format);
            cliProcess("smoke", "--base-url", "http://127.0.0.1:1", "--bearer-token-env", "LAUNCH_ADMIN_BEARER_TOKEN",
                    "--attempts", "1", "--format", format);
        }
        cli("migrations", "baseline", migrations.toString(), "--baseline", dir.resolve("baseline.json").toString());
        cli("secrets", "--scan", source.toString(), "--write-baseline", dir.resolve("secrets-baseline.txt").toString());
        // The old way of naming a database must not echo the URL it was given either.
        cli("flags", "resolve", "--org", "org_1", "--database-url", environment.get("BROKEN_DATABASE_URL"));
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--database-url-env", environment.get("BROKEN_DATABASE_URL"));

        assertThat(seen).isNotEmpty();
        assertNoSecretIn("command output", seen.toString());
        assertNoSecretInFiles(dir.resolve("baseline.json"), dir.resolve("secrets-baseline.txt"));
    }

    private void verifyCommands(String format) {
        String token = PLANTED.get("TWILIO_AUTH_TOKEN");
        SignedWebhook signed = TwilioSigner.withAuthToken(Secret.of(token)).signForm(
                "https://ops.example.org/api/webhooks/twilio/inbound", List.of(Map.entry("Body", "hi")));
        String signature = signed.headers().get(TwilioSigner.SIGNATURE_HEADER);
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN", "--url",
                "https://ops.example.org/api/webhooks/twilio/inbound", "--param", "Body=hi", "--signature", signature,
                "--format", format);
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN", "--url",
                "http://ops.example.org:8080/api/webhooks/twilio/inbound", "--param", "Body=hi", "--signature", signature,
                "--format", format);
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN", "--url",
                "ftp://user:" + token + "@ops.example.org/x", "--format", format);
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN", "--url",
                "https://user:" + token + "@ops.example.org/a b", "--format", format);
        cli("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN", "--url",
                "https://ops.example.org/x", "--header", "Authorization Bearer " + PLANTED.get("LAUNCH_ADMIN_BEARER_TOKEN"),
                "--param", PLANTED.get("AUTH_SECRET"), "--format", format);
        cli("webhooks", "verify", "--provider", "sendgrid", "--secret-env", "EMAIL_WEBHOOK_SIGNING_SECRET",
                "--body-file", "/nonexistent", "--format", format);
        cli("webhooks", "verify", "--provider", "postmark", "--secret-env", "EMAIL_WEBHOOK_SIGNING_SECRET",
                "--signature", PLANTED.get("UPSTASH_REDIS_REST_TOKEN"), "--format", format);
        cli("webhooks", "verify", "--provider", "standard", "--secret-env", "TWILIO_WEBHOOK_SIGNING_SECRET",
                "--signature", "v1," + PLANTED.get("BLOB_READ_WRITE_TOKEN"), "--format", format);
    }

    @Test
    void theReferenceApplicationNeverLogsStoresOrThrowsAPlantedSecret() throws Exception {
        Path register = register();
        Map<String, String> variables = devVariables();
        variables.put("PORT", "0");
        variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        variables.put("LOG_LEVEL", "info");
        variables.put("SOSOPS_WEBHOOK_RATE_LIMIT", "1000/1s");
        Path dataDir = dir.resolve("app-data");
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dataDir.toString());
        String appUrl = variables.get("APP_URL");

        try (ReferenceApp app = ReferenceApp.start(EnvironmentPolicy.loader().processEnvironment(variables)
                .ignoreProcessSettings().register(register).load())) {
            TwilioSigner signer = TwilioSigner.withAuthToken(Secret.of(PLANTED.get("TWILIO_AUTH_TOKEN")));
            List<Map.Entry<String, String>> form = List.of(Map.entry("MessageSid", "SM" + "0".repeat(31) + "1"),
                    Map.entry("Body", "hello"));
            SignedWebhook signed = signer.signForm(appUrl + "/api/webhooks/twilio/inbound", form);
            record(send(app, "/api/webhooks/twilio/inbound", signed.contentType(), signed.headers(), signed.body()));
            record(send(app, "/api/webhooks/twilio/inbound", signed.contentType(), signed.headers(), signed.body()));
            SignedWebhook forged = signer.signForm(appUrl + "/api/webhooks/twilio/status",
                    List.of(Map.entry("MessageSid", "SM" + "0".repeat(31) + "2"), Map.entry("MessageStatus", "sent")));
            record(send(app, "/api/webhooks/twilio/status", forged.contentType(),
                    Map.of(TwilioSigner.SIGNATURE_HEADER, "Zm9yZ2VkIHNpZ25hdHVyZQ=="), forged.body()));
            record(send(app, "/api/webhooks/twilio/inbound", "application/x-www-form-urlencoded", Map.of(),
                    "MessageSid=SM3&Body=unsigned".getBytes(StandardCharsets.UTF_8)));
            record(send(app, "/api/webhooks/email/events", "application/json",
                    Map.of("X-Postmark-Token", "wrong-" + "x".repeat(20)), "{\"RecordType\":".getBytes(StandardCharsets.UTF_8)));
            record(send(app, "/api/webhooks/email/events", "application/json",
                    Map.of("X-Postmark-Token", PLANTED.get("EMAIL_WEBHOOK_SIGNING_SECRET")), "not json".getBytes()));
            record(send(app, "/api/dashboard/feature-flags/resolved", null,
                    Map.of("Authorization", "Bearer " + PLANTED.get("LAUNCH_MEMBER_BEARER_TOKEN")), null));
            record(send(app, "/api/health", null, Map.of(), null));
            record(send(app, "/api/dashboard/feature-flags/resolved?organization_id=org_1", null,
                    Map.of("Authorization", "Bearer " + PLANTED.get("LAUNCH_ADMIN_BEARER_TOKEN")), null));
            record(send(app, "/api/messages", "application/json",
                    Map.of("Authorization", "Bearer " + PLANTED.get("LAUNCH_ADMIN_BEARER_TOKEN")),
                    "{\"to\": \"+14155550100\", \"body\": \"hi\"}".getBytes(StandardCharsets.UTF_8)));
            record(send(app, "/api/messages", "application/json",
                    Map.of("Cookie", "session=" + PLANTED.get("LAUNCH_MEMBER_BEARER_TOKEN")), "{".getBytes()));
            cliProcess("smoke", "--base-url", app.baseUri().toString(), "--bearer-token-env", "LAUNCH_ADMIN_BEARER_TOKEN",
                    "--attempts", "1", "--format", "json");
            cli("webhooks", "failures", "replay", "--all", "--database-url-env", "DATABASE_URL");
            cli(concat(new String[] {"webhooks", "failures", "list", "--format", "json"},
                    database("webhooks/failures/list", "--database-url", "--database-url-env", "DATABASE_URL")));
        }
        // The traffic really reached the guard: a verified delivery and a refused forgery.
        assertThat(seen).contains("/api/webhooks/twilio/inbound -> 200").contains("/api/webhooks/twilio/status -> 403");
        String records = storedFailureRecords();
        assertThat(records).as("failure records were stored").contains("/api/webhooks/twilio/status");
        assertNoSecretIn("stored failure records", records);
        Files.createDirectories(dataDir);
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertNoSecretInFiles(files.filter(Files::isRegularFile).toArray(Path[]::new));
        }

        startBroken("an unreachable database", Map.of("DATABASE_URL", environment.get("BROKEN_DATABASE_URL")), register);
        startBroken("a malformed database URL", Map.of("DATABASE_URL", environment.get("MALFORMED_DATABASE_URL")), register);
        startBroken("a malformed alert URL", Map.of("APP_ENV", "staging",
                "SOSOPS_WEBHOOK_ALERT_URL", "https://hooks.example.org/services/" + ALERT_PATH_SECRET + " x"), register);
        startBroken("a weak configuration", Map.of("APP_ENV", "production", "TWILIO_AUTH_TOKEN",
                PLANTED.get("AUTH_SECRET")), register);
        startBroken("a raw token where its digest belongs", Map.of("SOSOPS_STAFF_TOKEN_HASHES",
                "admin:sha256:" + PLANTED.get("LAUNCH_ADMIN_BEARER_TOKEN")), register);
        appProcess(Map.of("DATABASE_URL", environment.get("MALFORMED_DATABASE_URL")));
        appProcess(Map.of("APP_ENV", "prod", "TWILIO_AUTH_TOKEN", "not-hex-" + PLANTED.get("TWILIO_AUTH_TOKEN")));

        assertNoSecretIn("application answers, start-up errors and process output", seen.toString());
    }

    // ---------------------------------------------------------------- the needles

    /** Every planted value, and the base64 and URL-encoded forms a careless encoder would print. */
    static List<String> needles() {
        List<String> values = new ArrayList<>(PLANTED.values());
        values.add(DB_PASSWORD);
        values.add(ALERT_PATH_SECRET);
        List<String> needles = new ArrayList<>();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            needles.add(value);
            needles.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            needles.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            needles.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return needles;
    }

    static void assertNoSecretIn(String where, String text) {
        for (String needle : needles()) {
            if (text.contains(needle)) {
                int at = text.indexOf(needle);
                String context = text.substring(Math.max(0, at - 200), Math.min(text.length(), at + needle.length() + 50));
                throw new AssertionError("a planted secret (" + needle.length() + " characters) leaked into " + where
                        + " here:\n" + context.replace(needle, "<<<LEAK>>>"));
            }
        }
    }

    private static void assertNoSecretInFiles(Path... files) throws IOException {
        for (Path file : files) {
            if (Files.exists(file)) {
                assertNoSecretIn(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    // ---------------------------------------------------------------- the environments

    private static String databaseUrl() {
        return "postgresql://postgres:" + DB_PASSWORD + "@127.0.0.1:5432/" + database.name();
    }

    private static String alertUrl() {
        return "https://hooks.example.org/services/" + ALERT_PATH_SECRET;
    }

    private static Map<String, String> devVariables() {
        FakeEnvironment.Builder builder = FakeEnvironment.builder(AppEnv.DEV).emailProvider("postmark");
        PLANTED.forEach((name, value) -> {
            if (!name.startsWith("LAUNCH_")) {
                builder.set(name, value);
            }
        });
        builder.set("DATABASE_URL", databaseUrl());
        builder.set("SOSOPS_WEBHOOK_ALERT_URL", alertUrl());
        // Staff tokens are configured by digest; the tokens themselves are planted needles.
        builder.set("SOSOPS_STAFF_TOKEN_HASHES", "admin:sha256:" + sha256(PLANTED.get("LAUNCH_ADMIN_BEARER_TOKEN"))
                + ",member:sha256:" + sha256(PLANTED.get("LAUNCH_MEMBER_BEARER_TOKEN")));
        return new LinkedHashMap<>(builder.build().asMap());
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A staging file that shares dev's secrets: every cross-environment finding fires. */
    private static Map<String, String> stagingSharingDevSecrets() {
        Map<String, String> staging = new LinkedHashMap<>(devVariables());
        staging.put("APP_ENV", "staging");
        staging.put("APP_URL", "https://staging.sosops-fake.test");
        return staging;
    }

    private static Path envFile(String name, Map<String, String> variables) throws IOException {
        StringBuilder text = new StringBuilder();
        variables.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Files.writeString(dir.resolve(name), text);
    }

    /** The scratch database is not sos_ops_dev: waived, as a team would waive it. */
    private static Path register() throws IOException {
        LocalDate today = LocalDate.now();
        StringBuilder text = new StringBuilder();
        for (String env : List.of("dev", "staging")) {
            text.append("## LEAK-").append(env).append(" Scratch database for the leak test\n\n- Rule: database-separation\n")
                    .append("- Environment: ").append(env).append("\n- Rationale: a throw-away database per test run\n")
                    .append("- Expires: ").append(today.plusDays(1)).append("\n- Rollback plan: the test drops it\n")
                    .append("- Approved by: the test suite (").append(today).append(")\n\n");
        }
        return Files.writeString(dir.resolve("RISKS_DECISIONS.md"), text);
    }

    // ---------------------------------------------------------------- running things

    private void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            exit = org.sosops.env.cli.Main.run(new PrintWriter(out), new PrintWriter(err), args);
        } catch (RuntimeException e) {
            seen.append(stackTrace(e));
            throw e;
        }
        // The command line itself holds planted values on purpose (the broken inputs): only its name is logged.
        seen.append("$ ").append(args[0]).append(' ').append(args.length > 1 ? args[1] : "").append(" -> ").append(exit)
                .append('\n')
                .append(out).append(err);
    }

    private void cliProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), org.sosops.env.cli.Main.class.getName()));
        command.addAll(List.of(args));
        seen.append("$ ").append(args[0]).append('\n').append(runProcess(command, environment));
    }

    private void appProcess(Map<String, String> overrides) throws Exception {
        Map<String, String> variables = devVariables();
        variables.put("PORT", "0");
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dir.resolve("process-data").toString());
        variables.putAll(overrides);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        seen.append("$ reference-app ").append(overrides.keySet()).append('\n').append(runProcess(command, variables));
    }

    private static String runProcess(List<String> command, Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(variables);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private void startBroken(String what, Map<String, String> overrides, Path register) {
        Map<String, String> variables = devVariables();
        variables.put("PORT", "0");
        variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dir.resolve("broken-" + what.hashCode()).toString());
        variables.putAll(overrides);
        if ("staging".equals(variables.get("APP_ENV"))) {
            variables.put("APP_URL", "https://staging.sosops-fake.test");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launch launch;
        try {
            launch = Main.launch(EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings()
                    .register(register), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            seen.append(stackTrace(e));
            throw new AssertionError("start-up with " + what + " escaped as an exception", e);
        }
        if (launch instanceof Launch.Started started) {
            started.app().close();
        }
        seen.append("start-up with ").append(what).append(": ").append(launch).append('\n')
                .append(err.toString(StandardCharsets.UTF_8));
        assertThat(launch).as("start-up with %s", what).isInstanceOf(Launch.Refused.class);
    }

    private static HttpResponse<String> send(ReferenceApp app, String path, String contentType,
                                             Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUri() + path))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void record(HttpResponse<String> response) {
        seen.append(response.request().uri().getPath()).append(" -> ").append(response.statusCode())
                .append(' ').append(response.headers().map()).append('\n').append(response.body()).append('\n');
    }

    private static String storedFailureRecords() throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM sosops_webhook_failures")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = r.getObject(i);
                    rows.append(meta.getColumnName(i)).append('=')
                            .append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value)
                            .append(' ');
                }
                rows.append('\n');
            }
        }
        return rows.toString();
    }

    /**
     * The database option of a command: {@code --…-database-url-env VAR} where the command has it,
     * else the older option with the URL (whose output must not echo it either).
     */
    private String[] database(String command, String oldOption, String newOption, String variable) {
        CommandLine line = SosOpsEnvCommand.commandLine();
        for (String name : command.split("/")) {
            line = line.getSubcommands().get(name);
        }
        return line.getCommandSpec().findOption(newOption) != null ? new String[] {newOption, variable}
                : new String[] {oldOption, environment.get(variable)};
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    private static String stackTrace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (CONSOLE) {
                    CONSOLE.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (CONSOLE) {
                    CONSOLE.write(b, off, len);
                }
            }
        };
    }
}
