package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.secret.Secret;

/** The token form of one fingerprint: parsing, refusing, and what it shows. Few slow derivations. */
class FingerprintEntryTest {
    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final String HASH = "0123456789abcdef".repeat(4);

    private static String token(String label, int iterations) {
        return "sosops-fp2:dev:" + label + ":pbkdf2-sha256:" + iterations + ":" + SALT + ":" + HASH;
    }

    @Test
    void parsesEveryFieldOfAToken() {
        FingerprintEntry entry = FingerprintEntry.parse("  " + token("DATABASE_URL#password", 40000) + "\n").orElseThrow();

        assertThat(entry.environment()).isEqualTo("dev");
        assertThat(entry.label()).isEqualTo("DATABASE_URL#password");
        assertThat(entry.iterations()).isEqualTo(40000);
        assertThat(entry.saltHex()).isEqualTo(SALT);
        assertThat(entry.salt()).isEqualTo(HexFormat.of().parseHex(SALT));
        assertThat(entry.fingerprint()).isEqualTo(HASH);
        assertThat(entry.token()).isEqualTo(token("DATABASE_URL#password", 40000));
        assertThat(entry.parameters()).isEqualTo("40000:" + SALT);
    }

    @Test
    void showsOnlyAShortFingerprintAndNamesTheVariable() {
        FingerprintEntry url = FingerprintEntry.parse(token("DATABASE_URL#password", 40000)).orElseThrow();
        FingerprintEntry plain = FingerprintEntry.parse(token("AUTH_SECRET", 40000)).orElseThrow();

        assertThat(url.shortFingerprint()).isEqualTo("0123456789ab");
        assertThat(url.variable()).isEqualTo("DATABASE_URL");
        assertThat(url.describe()).isEqualTo("the password in DATABASE_URL");
        assertThat(plain.variable()).isEqualTo("AUTH_SECRET");
        assertThat(plain.describe()).isEqualTo("AUTH_SECRET");
        assertThat(plain.toString()).isEqualTo("sosops-fp2:dev:AUTH_SECRET:…:0123456789ab");
    }

    @Test
    void theWorkFactorMustLieWithinTheBounds() {
        assertThat(FingerprintEntry.parse(token("A", Fingerprints.MIN_ITERATIONS))).isPresent();
        assertThat(FingerprintEntry.parse(token("A", Fingerprints.MAX_ITERATIONS))).isPresent();
        assertThat(FingerprintEntry.parse(token("A", Fingerprints.MIN_ITERATIONS - 1))).isEmpty();
        assertThat(FingerprintEntry.parse(token("A", Fingerprints.MAX_ITERATIONS + 1))).isEmpty();
        assertThat(FingerprintEntry.problem(token("A", Fingerprints.MIN_ITERATIONS - 1)))
                .contains("the work factor must be between 20000 and 400000 iterations");
        assertThat(FingerprintEntry.problem(token("A", Fingerprints.MAX_ITERATIONS + 1)))
                .contains("the work factor must be between 20000 and 400000 iterations");
    }

    @Test
    void saysWhyATokenIsRefused() {
        assertThat(FingerprintEntry.problem(token("A", 40000))).isEmpty();
        assertThat(FingerprintEntry.problem(" sosops-fp1:dev:A:abcdef ")).get().asString()
                .startsWith("a sosops-fp1 entry").contains("regenerate the list with 'sosops-env secrets fingerprint'");
        assertThat(FingerprintEntry.problem("sosops-fp2:dev:A")).contains(
                "not a fingerprint entry (expected sosops-fp2:<env>:<VARIABLE>:pbkdf2-sha256:<iterations>:<salt>:<hash>)");
        assertThat(FingerprintEntry.parse(token("A", 40000).replace(SALT, "0011"))).as("a short salt").isEmpty();
        assertThat(FingerprintEntry.parse(token("A", 40000).replace("dev", "DEV"))).isEmpty();
    }

    @Test
    void comparesAFingerprintInFullAndRefusesNone() {
        FingerprintEntry entry = FingerprintEntry.parse(token("A", 40000)).orElseThrow();

        assertThat(entry.matchesFingerprint(HASH)).isTrue();
        assertThat(entry.matchesFingerprint(HASH.substring(0, 63) + "0")).isFalse();
        assertThat(entry.matchesFingerprint(null)).isFalse();
    }

    @Test
    void anEntryOfAValueMatchesThatValueOnly() {
        byte[] salt = HexFormat.of().parseHex(SALT);
        FingerprintEntry entry = FingerprintEntry.of("prod", "AUTH_SECRET", salt, Fingerprints.MIN_ITERATIONS,
                Secret.of("Zr8vQ2kL9xT4mN7p"));

        assertThat(entry.saltHex()).isEqualTo(SALT);
        assertThat(entry.iterations()).isEqualTo(Fingerprints.MIN_ITERATIONS);
        assertThat(entry.fingerprint()).isEqualTo(Fingerprints.derive(salt, Fingerprints.MIN_ITERATIONS, "Zr8vQ2kL9xT4mN7p"));
        assertThat(entry.matches(Secret.of("Zr8vQ2kL9xT4mN7p"))).isTrue();
        assertThat(entry.matches(Secret.of("Zr8vQ2kL9xT4mN7q"))).isFalse();
    }

    @Test
    void everyPartIsRequired() {
        assertThatThrownBy(() -> new FingerprintEntry(null, "A", 40000, SALT, HASH)).hasMessage("environment");
        assertThatThrownBy(() -> new FingerprintEntry("dev", null, 40000, SALT, HASH)).hasMessage("label");
        assertThatThrownBy(() -> new FingerprintEntry("dev", "A", 40000, null, HASH)).hasMessage("saltHex");
        assertThatThrownBy(() -> new FingerprintEntry("dev", "A", 40000, SALT, null)).hasMessage("fingerprint");
    }
}
