package org.sosops.env.benchmarks.secrets;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.sosops.env.core.hygiene.ProviderPattern;

/**
 * The peer: the usual line-by-line approach of secret scanners without a literal pre-filter, every
 * regular expression on every line (the provider patterns, URL credentials and one assignment
 * pattern). Only counts matches; used to show what the pre-filter buys.
 */
final class NaiveLineScanner {
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.-]{0,20}://[^\\s:@/'\"`]*:[^\\s@/'\"`]+@");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?:auth_?secret|auth_?token|api_?key|signing_?secret|rest_?token|write_?token)[\"']?\\s*[:=]\\s*[\"'][^\"']{8,}[\"']");

    private NaiveLineScanner() {
    }

    static int scan(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int found = 0;
        for (String line : text.split("\n")) {
            for (ProviderPattern pattern : ProviderPattern.values()) {
                if (pattern.find(line).isPresent()) {
                    found++;
                }
            }
            if (URL_PASSWORD.matcher(line).find()) {
                found++;
            }
            if (ASSIGNMENT.matcher(line).find()) {
                found++;
            }
        }
        return found;
    }
}
