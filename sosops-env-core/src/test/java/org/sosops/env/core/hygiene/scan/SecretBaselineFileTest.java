package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.secret.Secret;

class SecretBaselineFileTest {
    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    private static SourceSecret secret(String file, String kind, String value) {
        return new SourceSecret(file, 1, kind, "d", Optional.of("AUTH_SECRET"), Secret.of(value), Optional.empty());
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndAnEmptyBaselineNeedsNoSalt() {
        SecretBaseline baseline = SecretBaseline.parse("b", "# header\n\n   \n");
        assertThat(baseline.entries()).isEmpty();
        assertThat(baseline.contains(secret("A.java", "k", "v"))).isFalse();
    }

    @Test
    void entriesWithoutASaltAreRefused() {
        assertThatThrownBy(() -> SecretBaseline.parse("b.txt", "A.java\tk\t-\t" + HASH + "\n"))
                .isInstanceOf(SecretBaseline.BaselineException.class).hasMessage("b.txt: the 'salt' line is missing");
    }

    @Test
    void aSaltIsEightToSixtyFourBytesOfLowerCaseHex() {
        assertThat(SecretBaseline.parse("b", "salt " + "ab".repeat(8)).entries()).isEmpty();
        assertThat(SecretBaseline.parse("b", "salt " + "ab".repeat(64)).entries()).isEmpty();
        for (String bad : new String[] {"ab".repeat(7), "ab".repeat(65), "AB".repeat(8), "zz".repeat(8)}) {
            assertThatThrownBy(() -> SecretBaseline.parse("b", "# c\nsalt " + bad)).as(bad)
                    .hasMessage("b line 2: the salt must be hex");
        }
    }

    @Test
    void anEntryHasFourTabSeparatedFieldsEndingInA64HexHash() {
        String salt = "salt " + SALT + "\n";
        for (String bad : new String[] {"A.java\tk\t-", "A.java\tk\t-\t" + HASH + "\textra", "A.java\tk\t-\t" + "a".repeat(63),
                "A.java\tk\t-\t" + "A".repeat(64)}) {
            assertThatThrownBy(() -> SecretBaseline.parse("b", salt + bad)).as(bad)
                    .hasMessage("b line 2: expected FILE<tab>KIND<tab>VARIABLE<tab>HASH");
        }
        assertThat(SecretBaseline.parse("b", salt + "  A.java\tk\t-\t" + HASH + "  ").entries())
                .containsExactly(new SecretBaseline.Entry("A.java", "k", "-", HASH));
    }

    @Test
    void aBaselineHoldsEachSecretOncePerFileSortedAndMatchesBySaltedHash() {
        SourceSecret a = secret("B.java", "url-password", "Zr8vQ2kL");
        SourceSecret again = new SourceSecret("B.java", 9, "url-password", "d", Optional.empty(), Secret.of("Zr8vQ2kL"),
                Optional.empty());
        SourceSecret c = secret("A.java", "assigned-literal", "Pw9kLq2x");

        SecretBaseline baseline = SecretBaseline.of(List.of(a, again, c));

        assertThat(baseline.entries()).extracting(SecretBaseline.Entry::file, SecretBaseline.Entry::variable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A.java", "AUTH_SECRET"),
                        org.assertj.core.groups.Tuple.tuple("B.java", "AUTH_SECRET"));
        assertThat(baseline.contains(a)).isTrue();
        assertThat(baseline.contains(secret("C.java", "url-password", "Zr8vQ2kL"))).isFalse();
        assertThat(baseline.contains(secret("B.java", "url-password", "other-value"))).isFalse();
        assertThat(baseline.stale(List.of(a))).extracting(SecretBaseline.Entry::file).containsExactly("A.java");
        assertThat(baseline.stale(List.of(a, c))).isEmpty();
    }

    @Test
    void itsTextNamesTheFormatTheSaltAndEachEntry() {
        byte[] salt = java.util.HexFormat.of().parseHex(SALT);
        String hash = Fingerprints.fingerprint(salt, "Zr8vQ2kL");
        SecretBaseline baseline = SecretBaseline.parse("b", "salt " + SALT + "\nA.java\tk\tAUTH_SECRET\t" + hash + "\n");

        assertThat(baseline.toText()).isEqualTo("# sosops-env secrets baseline v1\n"
                + "# Reviewed hard-coded secrets: file, kind, variable, salted hash. No line numbers, no values.\n"
                + "salt " + SALT + "\n" + "A.java\tk\tAUTH_SECRET\t" + hash + "\n");
        assertThat(baseline.contains(secret("A.java", "k", "Zr8vQ2kL"))).isTrue();
    }

    @Test
    void readingAndWritingFailuresNameTheFile() throws IOException {
        Path missing = dir.resolve("none.txt");
        assertThatThrownBy(() -> SecretBaseline.read(missing)).isInstanceOf(SecretBaseline.BaselineException.class)
                .hasMessage(missing + ": baseline file not found (create it with --write-baseline)");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertThatThrownBy(() -> SecretBaseline.read(folder)).isInstanceOf(SecretBaseline.BaselineException.class)
                .hasMessageStartingWith(folder + ": baseline cannot be read (");
        assertThatThrownBy(() -> SecretBaseline.parse("b", "").write(folder))
                .isInstanceOf(SecretBaseline.BaselineException.class)
                .hasMessageStartingWith(folder + ": baseline cannot be written (");
    }
}
