package org.sosops.env.core.hygiene.example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.hygiene.Likeness;
import org.sosops.env.core.hygiene.ProviderPattern;
import org.sosops.env.core.hygiene.SecretNames;
import org.sosops.env.core.hygiene.UrlCredentials;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.secret.SecretStrength;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code example-secret}: a {@code .env.example} (committed, copied by every newcomer) must hold no
 * real-looking secret. Empty values and obvious placeholders ({@code <…>}, {@code your-…},
 * {@code changeme}, {@code xxxx…}, {@code example…}) pass.
 *
 * <p>A value is reported when it has a provider's shape (SendGrid {@code SG.} key, Vercel Blob
 * token, private-key block, … anywhere; a 32-hex Twilio token in {@code TWILIO_AUTH_TOKEN}; a
 * Postmark UUID server token in {@code EMAIL_API_KEY}), when a secret variable's value
 * {@link Likeness#looksRandom looks random}, or when a URL carries a real-looking password.
 *
 * <pre>{@code
 * List<Finding> findings = ExampleFileCheck.check(Path.of(".env.example"));
 * }</pre>
 */
public final class ExampleFileCheck {
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ExampleFileCheck() {
    }

    /**
     * Reads and checks a file.
     *
     * @throws org.sosops.env.core.dotenv.DotEnvException when it is missing, unreadable or malformed
     */
    public static List<Finding> check(Path file) {
        return check(DotEnvReader.read(file), Catalog.defaults());
    }

    /** Secret names as {@code catalog} declares them: a host's own secrets are held to the same rule. */
    public static List<Finding> check(Path file, Catalog catalog) {
        return check(DotEnvReader.read(file), catalog);
    }

    public static List<Finding> check(List<VariableValue> entries) {
        return check(entries, Catalog.defaults());
    }

    public static List<Finding> check(List<VariableValue> entries, Catalog catalog) {
        List<Finding> findings = new ArrayList<>();
        for (VariableValue entry : entries) {
            reason(entry, catalog).ifPresent(reason -> findings.add(Finding.error(RuleId.EXAMPLE_SECRET,
                            entry.name() + " " + reason + "; an example file takes an empty value or a placeholder"
                                    + " such as <" + entry.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ">")
                    .variable(entry.name()).at(entry.location()).build()));
        }
        return findings;
    }

    /** Why the entry's value looks real, without quoting it; empty when it is fine. */
    static Optional<String> reason(VariableValue entry, Catalog catalog) {
        String value = entry.value().strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProviderPattern.Match> provider = ProviderPattern.findAny(value);
        if (provider.isPresent()) {
            return Optional.of("holds what looks like a real " + provider.get().pattern().description());
        }
        if (UrlCredentials.isUrl(value)) {
            Optional<Secret> password = UrlCredentials.password(value);
            if (password.isPresent() && Likeness.looksRealPassword(password.get().reveal())) {
                return Optional.of("holds a URL with a real-looking password");
            }
            return Optional.empty();
        }
        if (!SecretNames.isSecret(entry.name(), catalog) || Likeness.isStandIn(value)) {
            return Optional.empty();
        }
        if (entry.name().equals("TWILIO_AUTH_TOKEN") && HEX_32.matcher(value).matches()
                && Likeness.looksRealToken(value)) {
            return Optional.of("holds what looks like a real Twilio auth token (32 hex characters)");
        }
        if (entry.name().equals("EMAIL_API_KEY") && UUID.matcher(value).matches() && Likeness.looksRealToken(value)) {
            return Optional.of("holds what looks like a real Postmark server token (a UUID)");
        }
        if (Likeness.looksRandom(value)) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "holds a random-looking value (%d characters, %.1f bits of entropy per character)",
                    value.length(), SecretStrength.bitsPerChar(value)));
        }
        return Optional.empty();
    }

}
