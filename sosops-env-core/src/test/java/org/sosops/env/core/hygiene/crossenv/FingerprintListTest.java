package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.variables.Variables;

class FingerprintListTest {
    private static final String SALT_A = "00112233445566778899aabbccddeeff";
    private static final String SALT_B = "ffeeddccbbaa99887766554433221100";
    private static final String HASH = "0123456789abcdef".repeat(4);

    private static String token(String env, String label, String salt) {
        return "sosops-fp2:" + env + ":" + label + ":pbkdf2-sha256:40000:" + salt + ":" + HASH;
    }

    @Test
    void readsTokensSeparatedByNewlinesCommasAndBlanksSkippingComments() {
        String text = "# fingerprints of dev\r\n\r\n" + token("dev", "A", SALT_A) + ", " + token("dev", "B", SALT_A)
                + "\n   \n" + token("staging", "C", SALT_B) + "\t" + token("staging", "D", SALT_B) + ",\n";

        FingerprintList list = FingerprintList.parse("list", text);

        assertThat(list.entries()).extracting(FingerprintEntry::label).containsExactly("A", "B", "C", "D");
        assertThat(list.parameterSets()).containsExactly("40000:" + SALT_A, "40000:" + SALT_B);
    }

    @Test
    void aBadTokenIsNamedWithItsLineWhenThereAreSeveral() {
        assertThatThrownBy(() -> FingerprintList.parse("dev.fingerprints", token("dev", "A", SALT_A) + "\nsosops-fp1:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dev.fingerprints line 2: a sosops-fp1 entry");
        assertThatThrownBy(() -> FingerprintList.parse("SOSOPS_SECRET_FINGERPRINTS", "nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SOSOPS_SECRET_FINGERPRINTS: not a fingerprint entry");
    }

    @Test
    void itsTextIsACommentAndOneTokenPerLine() {
        FingerprintList list = FingerprintList.parse("x", token("dev", "A", SALT_A) + " " + token("dev", "B", SALT_A));

        assertThat(list.toText()).isEqualTo(
                "# sosops-env secret fingerprints (PBKDF2-HMAC-SHA256, one salt per list; no secret values)\n"
                        + token("dev", "A", SALT_A) + "\n" + token("dev", "B", SALT_A) + "\n");
        assertThat(FingerprintList.parse("again", list.toText())).isEqualTo(list);
        assertThat(FingerprintList.parse("empty", "").entries()).isEmpty();
    }

    @Test
    void listsTheSecretsOfAnEnvironmentUnderOneSaltAndWorkFactor() {
        byte[] salt = HexFormat.of().parseHex(SALT_A);
        FingerprintList list = FingerprintList.of(AppEnv.STAGING, Variables.of(Map.of("AUTH_SECRET", "Zr8vQ2kL9xT4mN7p",
                "LOG_LEVEL", "info", "SMTP_URL", "smtp://u:Pw9kLq2x@mail")), salt, Fingerprints.MIN_ITERATIONS);

        assertThat(list.entries()).extracting(FingerprintEntry::environment, FingerprintEntry::label)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("staging", "AUTH_SECRET"),
                        org.assertj.core.groups.Tuple.tuple("staging", "SMTP_URL#password"));
        assertThat(list.parameterSets()).containsExactly(Fingerprints.MIN_ITERATIONS + ":" + SALT_A);
    }

    @Test
    void everyNewListDrawsItsOwnSalt() {
        Variables dev = Variables.of(Map.of("AUTH_SECRET", "Zr8vQ2kL9xT4mN7p"));

        FingerprintEntry first = FingerprintList.of(AppEnv.DEV, dev).entries().get(0);
        FingerprintEntry second = FingerprintList.of(AppEnv.DEV, dev).entries().get(0);

        assertThat(first.saltHex()).isNotEqualTo(second.saltHex()).isNotEqualTo("00".repeat(16));
        assertThat(first.iterations()).isEqualTo(Fingerprints.DEFAULT_ITERATIONS);
    }
}
