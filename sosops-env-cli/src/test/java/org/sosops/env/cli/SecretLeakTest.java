package org.sosops.env.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.catalog.CanonicalVariable;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.VariableValue;

/**
 * Runs every broken case of the suite — through the command line in text and JSON, through the
 * start-up API and the reader — capturing standard output, standard error (where the
 * logs go) and exception messages, and looks for every secret value used. None may appear.
 */
class SecretLeakTest {
    /** Secrets planted in broken files; distinctive enough that any appearance is a leak. */
    private static final List<String> PLANTED = List.of(
            "Pl4nted-Auth-Secret-0001-zzzzzzzzzz",
            "Pl4nted-Db-Password-0002",
            "ab12cd34ef56ab12cd34ef56ab12cd34",
            "SG.Pl4ntedSendGridKey00.Pl4ntedSendGridKeySecretPart0003xxxxxxxx",
            "Pl4nted-Redis-Token-0004",
            "Pl4nted-Webhook-Token-0005");

    @TempDir
    Path dir;

    private final StringBuilder everything = new StringBuilder();
    private final Set<String> secrets = new LinkedHashSet<>(PLANTED);

    private List<Path> brokenFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(CliRun.sample("staging.broken.env"));
        files.add(CliRun.sample("prod.broken.env"));
        files.add(CliRun.sample("malformed.env"));
        String auth = PLANTED.get(0);
        String db = "postgresql://u:" + PLANTED.get(1) + "@localhost:5432/sos_ops_dev";
        files.add(Files.writeString(dir.resolve("weak-everything.env"), String.join("\n",
                "APP_ENV=prod", "APP_URL=http://prod.example.org", "AUTH_SECRET=" + auth.substring(0, 20),
                "DATABASE_URL=" + db, "TWILIO_AUTH_TOKEN=" + PLANTED.get(2).substring(0, 30) + "zz",
                "EMAIL_PROVIDER=postmark", "EMAIL_API_KEY=" + PLANTED.get(3),
                "EMAIL_WEBHOOK_SIGNING_SECRET=" + PLANTED.get(5).substring(0, 10),
                "UPSTASH_REDIS_REST_TOKEN=", "BLOB_READ_WRITE_TOKEN=", "LOG_LEVEL=" + PLANTED.get(4), "")));
        files.add(Files.writeString(dir.resolve("bad-db-url.env"), String.join("\n",
                "APP_ENV=staging", "DATABASE_URL=postgresql://u:" + PLANTED.get(1) + " @db.internal/sos_ops_staging",
                "EMAIL_PROVIDER=sendgrid", "EMAIL_WEBHOOK_SIGNING_SECRET=" + PLANTED.get(5), "")));
        files.add(Files.writeString(dir.resolve("malformed-with-secrets.env"), String.join("\n",
                "AUTH_SECRET " + auth, PLANTED.get(4), "TWILIO AUTH TOKEN=" + PLANTED.get(2),
                "EMAIL_API_KEY='" + PLANTED.get(3), "DATABASE_URL=\"" + PLANTED.get(1) + "\\x\"",
                "AUTH_SECRET=\"" + auth + "\" trailing " + auth, "")));
        files.add(Files.writeString(dir.resolve("duplicates.env"),
                "AUTH_SECRET=" + auth + "\nAUTH_SECRET=" + auth + "x\n"));
        files.add(Files.writeString(dir.resolve("unterminated.env"), "AUTH_SECRET=\"" + auth + "\nMORE=" + auth + "\n"));
        return files;
    }

    /** Every secret value the broken files hold (where a file can be read at all), parts of URLs included. */
    private void collectSecretsOf(Path file) {
        try {
            for (VariableValue value : DotEnvReader.read(file)) {
                if (CanonicalVariable.isSecretName(value.name()) && value.value().length() >= 6) {
                    secrets.add(value.value());
                    DatabaseUrl.parse(value.value()).flatMap(DatabaseUrl::password).map(Secret::reveal)
                            .filter(p -> p.length() >= 6).ifPresent(secrets::add);
                }
            }
        } catch (RuntimeException unreadable) {
            // Malformed files: their secrets are among the planted ones.
        }
    }

    private void record(String label, Object output) {
        everything.append("== ").append(label).append('\n').append(output).append('\n');
    }

    @Test
    void noBrokenCaseEverPrintsASecretValue() throws IOException {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (Path file : brokenFiles()) {
                collectSecretsOf(file);
                for (String format : List.of("text", "json", "sarif", "github")) {
                    for (List<String> extra : List.of(List.<String>of(), List.of("--env", "prod"), List.of("--env", "staging"))) {
                        List<String> args = new ArrayList<>(List.of("check", "--env-file", file.toString(), "--format", format));
                        args.addAll(extra);
                        CliRun run = CliRun.run(args.toArray(String[]::new));
                        record(String.join(" ", args) + " -> " + run.code(), run.all());
                    }
                }
                try {
                    EnvironmentPolicy policy = EnvironmentPolicy.loader().envFile(file).processEnvironment(Map.of())
                            .rules(RuleEngine.discover()).load();
                    record("loaded " + file, policy + " " + policy.report().toText() + " " + policy.variables());
                } catch (EnvironmentPolicyException e) {
                    record("exception " + file, e.getMessage() + " " + e);
                    e.report().ifPresent(r -> record("report " + file, r + " " + r.findings()));
                }
                try {
                    record("variables " + file, DotEnvReader.read(file));
                } catch (RuntimeException e) {
                    record("reader exception " + file, e.getMessage());
                }
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        record("captured standard output and error (logs)", captured.toString(StandardCharsets.UTF_8));

        String output = everything.toString();
        assertThat(output).contains("secret-weak").contains("expected NAME=value").contains("is set twice")
                .contains("-> 1").contains("-> 2");
        assertThat(secrets).hasSizeGreaterThan(PLANTED.size());
        for (String secret : secrets) {
            assertThat(output).as("a secret value appears in the output").doesNotContain(secret);
        }
        for (String planted : PLANTED) {
            assertThat(output).as("a fragment of a planted secret appears in the output")
                    .doesNotContain(planted.substring(0, 12)).doesNotContain(planted.substring(planted.length() - 12));
        }
    }
}
