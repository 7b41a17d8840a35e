package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.Severity;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Location;

class ScanFindingsTest {
    private static SourceSecret secret(String file, Optional<String> variable, Optional<SourceSecret.Allow> allow) {
        return new SourceSecret(file, 7, "assigned-literal", "AUTH_SECRET assigned a string literal", variable,
                Secret.of("Zr8vQ2kL9xT4mN7p"), allow);
    }

    private static ScanResult result(List<SourceSecret> secrets, List<SkippedFile> skipped) {
        return new ScanResult(secrets, skipped, 1, 10, 0);
    }

    @Test
    void aSecretIsABlockingErrorAtItsFileAndLine() {
        Finding finding = ScanFindings.of(result(List.of(secret("src/A.java", Optional.of("AUTH_SECRET"),
                Optional.empty())), List.of()), "app", Optional.empty()).get(0);

        assertThat(finding.rule()).isEqualTo(RuleId.HARDCODED_SECRET);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.isBlocking()).isTrue();
        assertThat(finding.message())
                .isEqualTo("AUTH_SECRET assigned a string literal; read it from the environment instead of the source");
        assertThat(finding.variable()).contains("AUTH_SECRET");
        assertThat(finding.location()).contains(Location.of("app/src/A.java", 7));
    }

    @Test
    void theDisplayRootIsJoinedWithOneSlashAndLeftOutWhenItIsTheCurrentFolder() {
        SourceSecret s = secret("A.java", Optional.empty(), Optional.empty());
        for (String[] rootAndPath : new String[][] {{"app/", "app/A.java"}, {"app", "app/A.java"}, {".", "A.java"},
                {"", "A.java"}}) {
            Finding finding = ScanFindings.of(result(List.of(s), List.of()), rootAndPath[0], Optional.empty()).get(0);
            assertThat(finding.location().orElseThrow().file()).as(rootAndPath[0]).isEqualTo(rootAndPath[1]);
            assertThat(finding.variable()).isEmpty();
        }
    }

    @Test
    void anAllowCommentWithAReasonWaivesAndOneWithoutSaysSo() {
        List<Finding> findings = ScanFindings.of(result(List.of(
                secret("A.java", Optional.empty(), Optional.of(new SourceSecret.Allow("test fixture"))),
                secret("B.java", Optional.empty(), Optional.of(new SourceSecret.Allow(" ")))), List.of()),
                ".", Optional.empty());

        assertThat(findings.get(0).waiver()).contains("inline allow: test fixture");
        assertThat(findings.get(0).isBlocking()).isFalse();
        assertThat(findings.get(0).message()).doesNotContain("allows nothing");
        assertThat(findings.get(1).isBlocking()).isTrue();
        assertThat(findings.get(1).message()).endsWith(
                "(the allow comment here gives no reason, so it allows nothing)");
    }

    @Test
    void theBaselineWaivesOnlyWhatItHolds() {
        SourceSecret reviewed = secret("A.java", Optional.empty(), Optional.empty());
        SourceSecret other = secret("B.java", Optional.empty(), Optional.empty());
        SecretBaseline baseline = SecretBaseline.of(List.of(reviewed));

        List<Finding> findings = ScanFindings.of(result(List.of(reviewed, other), List.of()), ".", Optional.of(baseline));

        assertThat(findings).extracting(f -> f.waiver().orElse("-")).containsExactly("baseline", "-");
    }

    @Test
    void aSkippedFileIsAWarningThatNamesWhy() {
        List<Finding> findings = ScanFindings.of(result(List.of(), List.of(new SkippedFile("big.js", "larger than 8192 KiB"))),
                "web", Optional.empty());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.rule()).isEqualTo(RuleId.HARDCODED_SECRET);
            assertThat(f.message()).isEqualTo("not scanned: larger than 8192 KiB; a secret in it would go unnoticed");
            assertThat(f.location()).contains(Location.file("web/big.js"));
        });
    }

    @Test
    void aSourceSecretNeedsEveryPartAndAnAllowNeedsAReason() {
        assertThat(new SourceSecret.Allow("why").hasReason()).isTrue();
        assertThat(new SourceSecret.Allow("").hasReason()).isFalse();
        assertThat(secret("A.java", Optional.empty(), Optional.empty()).allowed()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret(null, 1, "k", "d", Optional.empty(),
                Secret.of("x"), Optional.empty())).hasMessage("file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret("f", 1, null, "d", Optional.empty(),
                Secret.of("x"), Optional.empty())).hasMessage("kind");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret("f", 1, "k", null, Optional.empty(),
                Secret.of("x"), Optional.empty())).hasMessage("description");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret("f", 1, "k", "d", null,
                Secret.of("x"), Optional.empty())).hasMessage("variable");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret("f", 1, "k", "d", Optional.empty(),
                null, Optional.empty())).hasMessage("secret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceSecret("f", 1, "k", "d", Optional.empty(),
                Secret.of("x"), null)).hasMessage("allow");
    }
}
