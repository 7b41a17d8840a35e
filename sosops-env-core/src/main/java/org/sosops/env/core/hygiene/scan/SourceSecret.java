package org.sosops.env.core.hygiene.scan;

import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;

/**
 * A secret literal found in a source file. {@code toString()} never shows the value.
 *
 * <pre>{@code
 * for (SourceSecret s : result.secrets()) {
 *     System.out.println(s.file() + ":" + s.line() + " " + s.description()); // never s.secret().reveal()
 * }
 * }</pre>
 *
 * @param file        the path relative to the scanned root, with {@code /} separators
 * @param line        the 1-based line
 * @param kind        a stable short name: a provider pattern id ({@code sendgrid-api-key}),
 *                    {@code url-password} or {@code assigned-literal}
 * @param description what was found, for people ({@code SendGrid API key})
 * @param variable    the canonical secret variable the literal was assigned to, if any
 * @param secret      the literal, kept for salted comparison with a baseline
 * @param allow       the inline allow comment covering the line, if any
 */
public record SourceSecret(String file, int line, String kind, String description, Optional<String> variable,
                           Secret secret, Optional<Allow> allow) {
    public SourceSecret {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(allow, "allow");
    }

    /** True when an allow comment with a reason covers it. */
    public boolean allowed() {
        return allow.map(Allow::hasReason).orElse(false);
    }

    /**
     * An inline {@code sosops-env: allow-secret <reason>} comment on the line or the line above.
     *
     * @param reason the stated reason; empty when none was given (then it allows nothing)
     */
    public record Allow(String reason) {
        public boolean hasReason() {
            return !reason.isBlank();
        }
    }

    /** One literal found on a line, before it becomes a {@link SourceSecret}. */
    record Hit(String kind, String description, Optional<String> variable, String value) {
    }
}
