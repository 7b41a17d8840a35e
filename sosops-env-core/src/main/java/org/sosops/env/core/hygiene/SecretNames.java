package org.sosops.env.core.hygiene;

import java.util.List;
import java.util.Locale;
import org.sosops.env.core.catalog.Catalog;

/**
 * Which variable names hold secrets: the catalog's secret variables (canonical and the host's own,
 * whose declaration wins over the name), plus any other name that says it is a credential ({@code STRIPE_SECRET_KEY}, {@code SMTP_PASSWORD}, {@code SENTRY_AUTH_TOKEN}).
 *
 * <pre>{@code
 * SecretNames.isSecret("TWILIO_AUTH_TOKEN");   // true (canonical)
 * SecretNames.isSecret("GITHUB_TOKEN");        // true (by its name)
 * SecretNames.isSecret("TWILIO_ACCOUNT_SID");  // false (canonical, not secret)
 * }</pre>
 */
public final class SecretNames {
    private static final List<String> SECRET_WORDS = List.of(
            "SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
            "CREDENTIAL", "SIGNING_KEY", "AUTH_KEY", "ENCRYPTION_KEY");
    /** Names that mention a secret but hold something else: where it is, or which one it is. */
    private static final List<String> NOT_SECRET_SUFFIXES = List.of(
            "_FILE", "_PATH", "_DIR", "_NAME", "_ENV", "_VAR", "_ID", "_SID", "_URL_NAME", "_HEADER", "_TTL",
            "_EXPIRY", "_EXPIRES", "_LENGTH", "_ALGORITHM");

    private SecretNames() {
    }

    /** Against {@link Catalog#defaults()}: the canonical variables and the contributed ones. */
    public static boolean isSecret(String name) {
        return isSecret(name, Catalog.defaults());
    }

    public static boolean isSecret(String name, Catalog catalog) {
        var declared = catalog.declaresSecret(name);
        if (declared.isPresent()) {
            return declared.get();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SOSOPS_")) {
            return false;
        }
        for (String suffix : NOT_SECRET_SUFFIXES) {
            if (upper.endsWith(suffix)) {
                return false;
            }
        }
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
