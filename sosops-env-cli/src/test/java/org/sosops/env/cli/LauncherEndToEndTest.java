package org.sosops.env.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real {@code ./sosops-env} launcher on the shipped samples, in a fresh process, as a newcomer
 * runs it. Runs after {@code package} (the launcher needs the jar), in the build's
 * integration-test phase. The check runs first: its run records the class-data archive the test
 * inspects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherEndToEndTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private record Result(int code, String out, String err) {
    }

    private static Result launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    private static Result launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sosops-env-out", ".txt");
        Path err = Files.createTempFile("sosops-env-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(concat(ROOT.resolve("sosops-env").toString(), args))
                    .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./sosops-env did not finish within 240 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    @Test
    @Order(1)
    void theLauncherChecksTheSampleFilesWithTheContractExitCodes() throws Exception {
        Result clean = launch("check", "--env-file", "examples/env/staging.env");
        assertThat(clean.err()).isEmpty();
        assertThat(clean.out()).isEqualTo("OK\n");
        assertThat(clean.code()).isZero();

        Result broken = launch("check", "--env-file", "examples/env/staging.broken.env", "--format", "json");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).isEmpty();
        assertThat(broken.out()).startsWith("{").contains("\"ok\" : false").contains("\"rule\" : \"database-separation\"");

        Result malformed = launch("check", "--env-file", "examples/env/malformed.env");
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.out()).isEmpty();
        assertThat(malformed.err()).isEqualTo("sosops-env check: examples/env/malformed.env:3: expected NAME=value\n");

        // The first run recorded a class-data archive; it maps in (picocli included) without a warning.
        Path target = ROOT.resolve("sosops-env-cli").resolve("target");
        List<Path> archives;
        try (var files = Files.list(target)) {
            archives = files.filter(f -> f.getFileName().toString().matches("sosops-env-.*\\.jsa")).toList();
        }
        assertThat(archives).hasSize(1);
        Process strict = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archives.get(0), "-Xlog:class+load=info",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", target.resolve("sosops-env.jar").toString(),
                "check", "--env-file", "examples/env/staging.env").directory(ROOT.toFile()).redirectErrorStream(true).start();
        String log = new String(strict.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(strict.waitFor()).isZero();
        // check's model is built in code: no annotation is read, so no annotation proxy class is generated.
        assertThat(log).doesNotContain("warning").doesNotContain("__dynamic_proxy__")
                .containsPattern("picocli\\.CommandLine source: shared objects file \\(top\\)")
                .containsPattern("org\\.sosops\\.env\\.core\\.rules\\.RuleEngine source: shared objects file \\(top\\)");
    }

    /**
     * The launcher's jar leaves out the BouncyCastle packages nothing here uses (sosops-env-cli's
     * pom says why); SendGrid's published vector, verified through it, shows the rest is whole.
     */
    @Test
    @Order(2)
    void theLaunchersJarVerifiesSendGridsPublishedVector() throws Exception {
        Path body = Files.createTempFile("sendgrid-events", ".json");
        try {
            Files.writeString(body, "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}");
            Result verified = launch(Map.of("EMAIL_WEBHOOK_SIGNING_SECRET", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC"
                            + "+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA=="),
                    "webhooks", "verify", "--provider", "sendgrid", "--secret-env", "EMAIL_WEBHOOK_SIGNING_SECRET",
                    "--body-file", body.toString(), "--header", "X-Twilio-Email-Event-Webhook-Timestamp: 1588788367",
                    "--signature", "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
                    "--at", "1588788400");
            assertThat(verified.err()).isEmpty();
            assertThat(verified.code()).isZero();
        } finally {
            Files.deleteIfExists(body);
        }
    }
}
