package org.sosops.env.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sosops.env.cli.CliRun.run;
import static org.sosops.env.cli.CliRun.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;

/** The command line sees the host's providers and its contributed variables in every check. */
class OpenCatalogCommandTest {
    private static final String KEY = "ps_Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3";

    @TempDir
    Path dir;

    private Path prodWith(String extra) throws IOException {
        String text = Files.readString(sample("prod.env"));
        return Files.writeString(dir.resolve("prod-" + Math.abs(extra.hashCode()) + ".env"), text + extra);
    }

    @Test
    void aHostWithoutUpstashPassesOnceItSaysSo() throws IOException {
        String withoutUpstash = Files.readString(sample("dev.env")).lines()
                .filter(l -> !l.startsWith("UPSTASH_")).reduce("", (a, b) -> a + b + "\n");
        Path dev = Files.writeString(dir.resolve("dev.env"), withoutUpstash);
        CliRun before = run("check", "--env-file", dev.toString());
        assertThat(before.code()).isEqualTo(1);
        assertThat(before.out()).contains("UPSTASH_REDIS_REST_URL is missing");
        Path declared = Files.writeString(dir.resolve("dev-declared.env"), withoutUpstash + "SOSOPS_PROVIDERS=twilio,sendgrid\n");
        assertThat(run("check", "--env-file", declared.toString()).code()).isZero();
    }

    @Test
    void aContributedSecretIsFormattedAndNeverShown() throws IOException {
        assertThat(run("check", "--env-file", sample("prod.env").toString()).code()).as("optional").isZero();
        CliRun malformed = run("check", "--env-file", prodWith("BILLING_SIGNATURE=sk_Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3\n").toString());
        assertThat(malformed.code()).isEqualTo(1);
        assertThat(malformed.out()).contains("BILLING_SIGNATURE must be a ps_ key").doesNotContain("Q8v2Lm1Zp0Xw9Yt7");
        assertThat(run("check", "--env-file", prodWith("BILLING_SIGNATURE=" + KEY + "\n").toString()).code()).isZero();
    }

    @Test
    void aContributedSecretSharedBetweenEnvironmentsIsSecretSharedAndFingerprinted() throws IOException {
        Path prod = prodWith("BILLING_SIGNATURE=" + KEY + "\n");
        Path staging = Files.writeString(dir.resolve("staging.env"), Files.readString(sample("staging.env"))
                + "BILLING_SIGNATURE=" + KEY + "\n");
        CliRun run = run("secrets", "--env-file", staging.toString(), prod.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[secret-shared] (staging) BILLING_SIGNATURE").doesNotContain(KEY);
        CliRun fingerprints = run("secrets", "fingerprint", "--env-file", prod.toString());
        assertThat(fingerprints.out()).contains(":BILLING_SIGNATURE:").doesNotContain(KEY);
    }

    @Test
    void aContributedSecretWithARealLookingValueInTheExampleIsExampleSecret() throws IOException {
        Path example = Files.writeString(dir.resolve(".env.example"), "BILLING_SIGNATURE=" + KEY + "\n");
        CliRun run = run("secrets", "--example", example.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[example-secret]").contains("BILLING_SIGNATURE").doesNotContain(KEY);
    }
}
