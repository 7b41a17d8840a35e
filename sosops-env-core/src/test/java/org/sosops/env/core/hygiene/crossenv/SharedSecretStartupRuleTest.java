package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Variables;

/** The start-up call of the core refuses a secret that another environment's fingerprints name. */
class SharedSecretStartupRuleTest {
    private static final Path PROD = Path.of("../examples/env/prod.env");

    @TempDir
    Path dir;

    private static Map<String, String> prodVariables() {
        Map<String, String> vars = new HashMap<>(Variables.builder().addAll(DotEnvReader.read(PROD)).build().toPlainMap());
        return vars;
    }

    private static Variables devSharingProdsAuthSecret() {
        String prodAuth = prodVariables().get("AUTH_SECRET");
        return Variables.of(Map.of("APP_ENV", "dev", "TWILIO_AUTH_TOKEN", prodAuth,
                "UPSTASH_REDIS_REST_TOKEN", "distinct-dev-token-value-1234"));
    }

    private EnvironmentPolicy load(Map<String, String> environment) {
        return EnvironmentPolicy.loader().processEnvironment(environment).ignoreProcessSettings().load();
    }

    @Test
    void aProdHostStartsWhenNoOtherEnvironmentHoldsItsSecrets() throws IOException {
        Path file = dir.resolve("dev.fingerprints");
        Files.writeString(file, FingerprintList.of(AppEnv.DEV,
                Variables.of(Map.of("AUTH_SECRET", "a-dev-only-secret-value-0123456789"))).toText());
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.FILE_SETTING, file.toString());

        assertThat(load(env).report().has(RuleId.SECRET_SHARED)).isFalse();
    }

    @Test
    void aProdHostRefusesToStartWhenDevHoldsOneOfItsSecretsFromAFile() throws IOException {
        Path file = dir.resolve("dev.fingerprints");
        Files.writeString(file, FingerprintList.of(AppEnv.DEV, devSharingProdsAuthSecret()).toText());
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.FILE_SETTING, file.toString());

        assertThatThrownBy(() -> load(env))
                .isInstanceOf(EnvironmentPolicyException.class)
                .hasMessageContaining("[secret-shared]")
                .hasMessageContaining("AUTH_SECRET has the same value as TWILIO_AUTH_TOKEN in dev")
                .hasMessageNotContaining(prodVariables().get("AUTH_SECRET"));
    }

    @Test
    void fingerprintsMayComeInlineFromASosopsVariable() {
        String inline = String.join(",", FingerprintList.of(AppEnv.DEV, devSharingProdsAuthSecret()).entries()
                .stream().map(FingerprintEntry::token).toList());
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.INLINE_SETTING, inline);

        assertThatThrownBy(() -> load(env)).hasMessageContaining("[secret-shared]");
    }

    @Test
    void entriesOfTheHostsOwnEnvironmentAreSkippedSoOneCombinedFileCanGoEverywhere() throws IOException {
        Map<String, String> env = prodVariables();
        Path file = dir.resolve("all.fingerprints");
        Files.writeString(file, FingerprintList.of(AppEnv.PROD, Variables.of(env)).toText());
        env.put(SharedSecretStartupRule.FILE_SETTING, file.toString());

        assertThat(load(env).report().findings()).isEmpty();
    }

    @Test
    void anUnreadableOrMalformedFingerprintSettingFailsClosed() throws IOException {
        Map<String, String> missing = prodVariables();
        missing.put(SharedSecretStartupRule.FILE_SETTING, dir.resolve("nope").toString());
        assertThatThrownBy(() -> load(missing)).hasMessageContaining("[value-invalid]")
                .hasMessageContaining("file not found");

        Path bad = dir.resolve("bad.fingerprints");
        Files.writeString(bad, "# fine\nsosops-fp2:dev:AUTH_SECRET:zz:00\n");
        Map<String, String> malformed = prodVariables();
        malformed.put(SharedSecretStartupRule.FILE_SETTING, bad.toString());
        assertThatThrownBy(() -> load(malformed)).hasMessageContaining("line 2: not a fingerprint entry");
    }

    @Test
    void aListOfTheFirstFastFormatIsRefusedWithHowToRegenerate() throws IOException {
        Path old = dir.resolve("old.fingerprints");
        Files.writeString(old, "sosops-fp1:dev:AUTH_SECRET:" + "ab".repeat(16) + ":" + "cd".repeat(32) + "\n");
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.FILE_SETTING, old.toString());
        assertThatThrownBy(() -> load(env)).hasMessageContaining("[value-invalid]")
                .hasMessageContaining("sosops-fp1 entry").hasMessageContaining("sosops-env secrets fingerprint");
    }

    @Test
    void aWorkFactorTooLowToSlowGuessesOrHighEnoughToStallStartUpIsRefused() {
        String salt = "ab".repeat(16);
        String hash = "cd".repeat(32);
        assertThat(FingerprintEntry.parse("sosops-fp2:dev:AUTH_SECRET:pbkdf2-sha256:1:" + salt + ":" + hash)).isEmpty();
        assertThat(FingerprintEntry.problem("sosops-fp2:dev:AUTH_SECRET:pbkdf2-sha256:1:" + salt + ":" + hash))
                .hasValueSatisfying(p -> assertThat(p).contains("work factor must be between"));
        assertThat(FingerprintEntry.parse("sosops-fp2:dev:AUTH_SECRET:pbkdf2-sha256:99999999:" + salt + ":" + hash))
                .isEmpty();
        assertThat(FingerprintEntry.parse("sosops-fp2:dev:AUTH_SECRET:pbkdf2-sha256:40000:" + salt + ":" + hash))
                .isPresent();
    }

    @Test
    void aListHoldsOneSaltAndWorkFactorSoCheckingItCostsOneDerivationPerOwnSecret() {
        FingerprintList list = FingerprintList.of(AppEnv.DEV, Variables.of(Map.of(
                "AUTH_SECRET", "a-dev-secret-value-0123456789abcdef",
                "TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef",
                "DATABASE_URL", "postgresql://sos:Pw9aaaaaaaaaaa@db/sos_ops_dev")));
        assertThat(list.entries()).hasSize(3);
        assertThat(list.parameterSets()).hasSize(1);
        assertThat(list.entries()).allSatisfy(e -> assertThat(e.iterations()).isEqualTo(Fingerprints.DEFAULT_ITERATIONS));
    }

    @Test
    void moreSaltsThanTheBoundAreRefusedRatherThanSlowingStartUp() {
        StringBuilder inline = new StringBuilder();
        for (int i = 0; i <= SharedSecretStartupRule.MAX_PARAMETER_SETS; i++) {
            byte[] salt = new byte[16];
            salt[0] = (byte) i;
            FingerprintList.of(AppEnv.DEV, Variables.of(Map.of("AUTH_SECRET", "dev-secret-number-" + i + "-abcdefghijkl")),
                    salt, Fingerprints.MIN_ITERATIONS).entries().forEach(e -> inline.append(e.token()).append(','));
        }
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.INLINE_SETTING, inline.toString());
        assertThatThrownBy(() -> load(env)).hasMessageContaining("[value-invalid]")
                .hasMessageContaining("different salts").hasMessageContaining("--same-salt-as");
    }

    @Test
    void listsOfSeveralEnvironmentsSharingOneSaltAreCheckedTogether() {
        FingerprintList dev = FingerprintList.of(AppEnv.DEV, Variables.of(Map.of("AUTH_SECRET",
                "a-dev-only-secret-value-0123456789")));
        FingerprintEntry first = dev.entries().get(0);
        FingerprintList staging = FingerprintList.of(AppEnv.STAGING, devSharingProdsAuthSecret(), first.salt(),
                first.iterations());
        Map<String, String> env = prodVariables();
        env.put(SharedSecretStartupRule.INLINE_SETTING, dev.toText() + staging.toText());
        assertThatThrownBy(() -> load(env)).hasMessageContaining("AUTH_SECRET has the same value as TWILIO_AUTH_TOKEN in staging");
    }

    @Test
    void theRuleIsDiscoveredThroughTheServiceLoader() {
        assertThat(org.sosops.env.core.rules.RuleEngine.discover().rules())
                .anyMatch(rule -> rule instanceof SharedSecretStartupRule);
    }

    @Test
    void entriesRoundTripThroughTheirTextForm() {
        FingerprintList list = FingerprintList.of(AppEnv.STAGING, Variables.of(Map.of(
                "AUTH_SECRET", "a-staging-secret-value-0123456789",
                "DATABASE_URL", "postgresql://sos:Pw9aaaaaaaaaaa@db/sos_ops_staging")));
        FingerprintList parsed = FingerprintList.parse("test", list.toText());

        assertThat(parsed).isEqualTo(list);
        assertThat(parsed.entries()).extracting(FingerprintEntry::label)
                .containsExactlyInAnyOrder("AUTH_SECRET", "DATABASE_URL#password");
        assertThat(list.toText()).doesNotContain("a-staging-secret-value").doesNotContain("Pw9aaaaaaaaaaa");
    }
}
