package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Variables;

/**
 * {@link SharedSecretStartupRule} called directly, with the smallest work factor and one own secret,
 * so each case costs at most a few derivations.
 */
class SharedSecretStartupRuleEdgesTest {
    private static final String OWN = "Zr8vQ2kL9xT4mN7pQ1wE3rT5";
    private static final String FAKE_HASH = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private static List<Finding> evaluate(Optional<AppEnv> env, Map<String, String> variables) {
        List<Finding> findings = new ArrayList<>();
        Variables vars = Variables.of(variables);
        new SharedSecretStartupRule().evaluate(new RuleContext(env, vars, Clock.systemUTC()), findings::add);
        return findings;
    }

    private static String salt(int n) {
        byte[] salt = new byte[16];
        salt[0] = (byte) n;
        return HexFormat.of().formatHex(salt);
    }

    /** An entry of another value under salt {@code n}: built without a derivation. */
    private static String unrelatedEntry(int n) {
        return new FingerprintEntry("dev", "AUTH_SECRET", Fingerprints.MIN_ITERATIONS, salt(n), FAKE_HASH).token();
    }

    @Test
    void withoutAKnownEnvironmentTheRuleDoesNothing() {
        assertThat(evaluate(Optional.empty(), Map.of(SharedSecretStartupRule.INLINE_SETTING, "nonsense"))).isEmpty();
    }

    @Test
    void aMalformedInlineListIsAValueInvalidFindingOnThatSetting() {
        assertThat(evaluate(Optional.of(AppEnv.PROD), Map.of(SharedSecretStartupRule.INLINE_SETTING, "nonsense")))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
                    assertThat(f.variable()).contains(SharedSecretStartupRule.INLINE_SETTING);
                    assertThat(f.environment()).contains("prod");
                    assertThat(f.message()).startsWith("SOSOPS_SECRET_FINGERPRINTS: not a fingerprint entry");
                });
    }

    @Test
    void fourSaltsAreCheckedAndFiveAreRefusedNamingTheSettingTheyCameFrom() throws IOException {
        String four = java.util.stream.IntStream.range(0, 4).mapToObj(SharedSecretStartupRuleEdgesTest::unrelatedEntry)
                .collect(Collectors.joining(","));
        assertThat(evaluate(Optional.of(AppEnv.PROD), Map.of("AUTH_SECRET", OWN,
                SharedSecretStartupRule.INLINE_SETTING, four))).isEmpty();

        Path file = Files.writeString(dir.resolve("five.fingerprints"), four.replace(',', '\n') + "\n" + unrelatedEntry(4));
        assertThat(evaluate(Optional.of(AppEnv.PROD), Map.of("AUTH_SECRET", OWN,
                SharedSecretStartupRule.FILE_SETTING, " , " + file)))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
                    assertThat(f.variable()).contains(SharedSecretStartupRule.FILE_SETTING);
                    assertThat(f.message()).isEqualTo("the secret fingerprint lists use 5 different salts (at most 4); "
                            + "generate them with 'sosops-env secrets fingerprint --same-salt-as FILE'");
                });
    }

    @Test
    void eachEntryIsComparedUnderItsOwnSalt() {
        byte[] second = HexFormat.of().parseHex(salt(2));
        String shared = FingerprintEntry.of("staging", "DATABASE_URL#password", second, Fingerprints.MIN_ITERATIONS,
                Secret.of(OWN)).token();

        List<Finding> findings = evaluate(Optional.of(AppEnv.PROD), Map.of("AUTH_SECRET", OWN,
                SharedSecretStartupRule.INLINE_SETTING, unrelatedEntry(1) + "," + shared));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.SECRET_SHARED);
            assertThat(f.variable()).contains("AUTH_SECRET");
            assertThat(f.environment()).contains("prod");
            assertThat(f.message()).isEqualTo("AUTH_SECRET has the same value as the password in DATABASE_URL in staging"
                    + " (fingerprint " + shared.substring(shared.length() - 64, shared.length() - 52)
                    + "); give every environment its own secret");
        });
    }
}
