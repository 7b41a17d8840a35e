package org.sosops.env.core.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.SecretStrength;
import org.sosops.env.core.variables.Variables;

/** The format checks referenced by {@link CanonicalVariable}. Messages never quote the value. */
final class Formats {
    static final Pattern TWILIO_ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    static final Pattern TWILIO_MESSAGING_SID = Pattern.compile("MG[0-9a-f]{32}");
    static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    static final Pattern SENDGRID_KEY = Pattern.compile("SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{32,64}");
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    private static final int AUTH_SECRET_MIN_LENGTH = 32;
    private static final int SHARED_TOKEN_MIN_LENGTH = 16;

    private Formats() {
    }

    static Optional<FormatProblem> appEnv(String value, Optional<AppEnv> env, Variables all) {
        // app-env-invalid is reported by its own rule, with a suggestion.
        return Optional.empty();
    }

    static Optional<FormatProblem> appUrl(String value, Optional<AppEnv> env, Variables all) {
        Optional<UrlParts> uri = absoluteUrl(value);
        if (uri.isEmpty()) {
            return invalid("must be an absolute http(s) URL with a host");
        }
        String scheme = uri.get().scheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return invalid("must use http or https");
        }
        if (uri.get().userInfo().isPresent()) {
            return invalid("must not carry credentials");
        }
        boolean mustBeHttps = env.map(e -> e == AppEnv.STAGING || e == AppEnv.PROD).orElse(false);
        if (mustBeHttps && !scheme.equals("https")) {
            return invalid("must use https in " + env.get().id());
        }
        return Optional.empty();
    }

    static Optional<FormatProblem> httpsUrl(String value, Optional<AppEnv> env, Variables all) {
        Optional<UrlParts> uri = absoluteUrl(value);
        if (uri.isEmpty() || !uri.get().scheme().equalsIgnoreCase("https")) {
            return invalid("must be an absolute https URL");
        }
        return Optional.empty();
    }

    static Optional<FormatProblem> authSecret(String value, Optional<AppEnv> env, Variables all) {
        return SecretStrength.weakness(value, AUTH_SECRET_MIN_LENGTH).map(FormatProblem::weak);
    }

    static Optional<FormatProblem> logLevel(String value, Optional<AppEnv> env, Variables all) {
        return LOG_LEVELS.contains(value.trim().toLowerCase(Locale.ROOT))
                ? Optional.empty()
                : invalid("must be one of trace, debug, info, warn, error");
    }

    static Optional<FormatProblem> databaseUrl(String value, Optional<AppEnv> env, Variables all) {
        DatabaseUrl.Result parsed = DatabaseUrl.parseOrExplain(value);
        if (parsed.problem().isPresent()) {
            return invalid(parsed.problem().get());
        }
        return parsed.url().flatMap(DatabaseUrl::password)
                .filter(p -> SecretStrength.isPlaceholder(p.reveal()))
                .map(p -> FormatProblem.weak("carries a placeholder password"));
    }

    static Optional<FormatProblem> twilioAccountSid(String value, Optional<AppEnv> env, Variables all) {
        return TWILIO_ACCOUNT_SID.matcher(value).matches() ? Optional.empty()
                : invalid("must be AC followed by 32 lower-case hex characters");
    }

    static Optional<FormatProblem> twilioMessagingSid(String value, Optional<AppEnv> env, Variables all) {
        return TWILIO_MESSAGING_SID.matcher(value).matches() ? Optional.empty()
                : invalid("must be MG followed by 32 lower-case hex characters");
    }

    static Optional<FormatProblem> twilioAuthToken(String value, Optional<AppEnv> env, Variables all) {
        if (SecretStrength.isPlaceholder(value)) {
            return weak("is a placeholder, not a real secret");
        }
        if (!HEX_32.matcher(value).matches()) {
            return invalid("must be 32 hex characters (it has " + value.length() + " characters)");
        }
        return SecretStrength.distinctCharacters(value) < SecretStrength.MIN_DISTINCT
                ? weak("has too little randomness (repeated or patterned characters)")
                : Optional.empty();
    }

    static Optional<FormatProblem> emailProvider(String value, Optional<AppEnv> env, Variables all) {
        return value.equals("sendgrid") || value.equals("postmark") ? Optional.empty()
                : invalid("must be sendgrid or postmark");
    }

    static Optional<FormatProblem> emailApiKey(String value, Optional<AppEnv> env, Variables all) {
        if (SecretStrength.isPlaceholder(value)) {
            return weak("is a placeholder, not a real secret");
        }
        String provider = all.value("EMAIL_PROVIDER").orElse("");
        return switch (provider) {
            case "sendgrid" -> SENDGRID_KEY.matcher(value).matches() ? Optional.empty()
                    : invalid("must be a SendGrid key (SG.<id>.<secret>)");
            case "postmark" -> UUID.matcher(value).matches() ? Optional.empty()
                    : invalid("must be a Postmark server token (a UUID)");
            default -> SENDGRID_KEY.matcher(value).matches() || UUID.matcher(value).matches() ? Optional.empty()
                    : invalid("must be a SendGrid key (SG.…) or a Postmark server token (UUID)");
        };
    }

    static Optional<FormatProblem> emailWebhookSecret(String value, Optional<AppEnv> env, Variables all) {
        if (SecretStrength.isPlaceholder(value)) {
            return weak("is a placeholder, not a real secret");
        }
        String provider = all.value("EMAIL_PROVIDER").orElse("");
        if (provider.equals("sendgrid")) {
            return isEcPublicKey(value) ? Optional.empty()
                    : invalid("must be SendGrid's base64 verification key (an EC public key)");
        }
        if (value.length() < SHARED_TOKEN_MIN_LENGTH) {
            return weak("is " + value.length() + " characters long; a shared token needs at least "
                    + SHARED_TOKEN_MIN_LENGTH);
        }
        return Optional.empty();
    }

    static Optional<FormatProblem> nonEmpty(String value, Optional<AppEnv> env, Variables all) {
        return value.isBlank() ? invalid("must not be empty") : Optional.empty();
    }

    static Optional<FormatProblem> nonEmptySecret(String value, Optional<AppEnv> env, Variables all) {
        if (value.isBlank()) {
            return invalid("must not be empty when set");
        }
        return SecretStrength.isPlaceholder(value) ? weak("is a placeholder, not a real secret") : Optional.empty();
    }

    static Optional<FormatProblem> emailAddress(String value, Optional<AppEnv> env, Variables all) {
        return EMAIL.matcher(value.trim()).matches() ? Optional.empty() : invalid("must be an e-mail address");
    }

    static Optional<FormatProblem> checkedByFlagsModule(String value, Optional<AppEnv> env, Variables all) {
        // The override JSON is parsed and checked by sosops-env-flags, which contributes its own rule.
        return Optional.empty();
    }

    static boolean isEcPublicKey(String base64) {
        return EcPublicKeys.isEcPublicKey(base64);
    }

    private static Optional<UrlParts> absoluteUrl(String value) {
        return UrlParts.parse(value.strip()).filter(url -> !url.host().isEmpty());
    }

    private static Optional<FormatProblem> invalid(String message) {
        return Optional.of(FormatProblem.invalid(message));
    }

    private static Optional<FormatProblem> weak(String message) {
        return Optional.of(FormatProblem.weak(message));
    }
}
