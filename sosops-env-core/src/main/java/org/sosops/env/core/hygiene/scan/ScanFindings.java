package org.sosops.env.core.hygiene.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Location;

/**
 * Turns a {@link ScanResult} into {@code hardcoded-secret} findings: one error per secret literal,
 * waived when an inline allow comment with a reason or the baseline covers it, plus a warning per
 * file that could not be checked.
 *
 * <pre>{@code
 * ScanResult result = SourceScanner.standard().scan(Path.of("src"));
 * List<Finding> findings = ScanFindings.of(result, "src", Optional.of(baseline));
 * }</pre>
 */
public final class ScanFindings {
    private ScanFindings() {
    }

    /**
     * @param displayRoot prefixed to each relative path in findings (the scanned folder as the user named it)
     */
    public static List<Finding> of(ScanResult result, String displayRoot, Optional<SecretBaseline> baseline) {
        List<Finding> findings = new ArrayList<>();
        for (SourceSecret secret : result.secrets()) {
            String message = secret.description() + "; read it from the environment instead of the source";
            if (secret.allow().isPresent() && !secret.allowed()) {
                message += " (the allow comment here gives no reason, so it allows nothing)";
            }
            Finding finding = Finding.error(RuleId.HARDCODED_SECRET, message)
                    .variable(secret.variable().orElse(null))
                    .at(Location.of(join(displayRoot, secret.file()), secret.line()))
                    .build();
            if (secret.allowed()) {
                finding = finding.waivedBy("inline allow: " + secret.allow().get().reason());
            } else if (baseline.isPresent() && baseline.get().contains(secret)) {
                finding = finding.waivedBy("baseline");
            }
            findings.add(finding);
        }
        for (SkippedFile skipped : result.skipped()) {
            findings.add(Finding.warning(RuleId.HARDCODED_SECRET,
                            "not scanned: " + skipped.reason() + "; a secret in it would go unnoticed")
                    .at(Location.file(join(displayRoot, skipped.file()))).build());
        }
        return findings;
    }

    private static String join(String root, String relative) {
        if (root.isEmpty() || root.equals(".")) {
            return relative;
        }
        return root.endsWith("/") ? root + relative : root + "/" + relative;
    }
}
