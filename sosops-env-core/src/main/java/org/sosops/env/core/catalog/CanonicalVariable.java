package org.sosops.env.core.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.env.AppEnv;

/**
 * The canonical variables: the one place that says which exist, which are secret, where each is
 * required, what format it must have and which {@link Provider} it belongs to. Documentation and
 * tests read this table; {@link Catalog} builds on it (a host's providers and its own variables).
 */
public enum CanonicalVariable {
    APP_ENV(false, Requirement.ALL, "one of local, dev, staging, prod", Formats::appEnv),
    APP_URL(false, Requirement.ALL, "absolute http(s) URL; https in staging and prod", Formats::appUrl),
    AUTH_SECRET(true, Requirement.ALL, "at least 32 characters and not a placeholder", Formats::authSecret),
    LOG_LEVEL(false, Requirement.ALL, "trace, debug, info, warn or error (any case)", Formats::logLevel),
    DATABASE_URL(true, Requirement.DEPLOYED,
            "postgres://, postgresql:// or jdbc:postgresql:// URL with a database name; optional in local",
            Formats::databaseUrl),
    TWILIO_ACCOUNT_SID(false, Requirement.DEPLOYED, "AC + 32 lower-case hex", Formats::twilioAccountSid, Provider.TWILIO),
    TWILIO_AUTH_TOKEN(true, Requirement.DEPLOYED, "32 hex characters", Formats::twilioAuthToken, Provider.TWILIO),
    TWILIO_MESSAGING_SERVICE_SID(false, Requirement.DEPLOYED, "MG + 32 lower-case hex", Formats::twilioMessagingSid, Provider.TWILIO),
    TWILIO_WEBHOOK_SIGNING_SECRET(true, Requirement.OPTIONAL, "non-empty when set", Formats::nonEmptySecret, Provider.TWILIO),
    EMAIL_PROVIDER(false, Requirement.DEPLOYED, "sendgrid or postmark", Formats::emailProvider, Provider.SENDGRID, Provider.POSTMARK),
    EMAIL_API_KEY(true, Requirement.DEPLOYED, "SendGrid: SG. key; Postmark: server token (UUID)", Formats::emailApiKey, Provider.SENDGRID, Provider.POSTMARK),
    EMAIL_FROM_NAME(false, Requirement.DEPLOYED, "non-empty", Formats::nonEmpty, Provider.SENDGRID, Provider.POSTMARK),
    EMAIL_FROM_EMAIL(false, Requirement.DEPLOYED, "an e-mail address", Formats::emailAddress, Provider.SENDGRID, Provider.POSTMARK),
    EMAIL_WEBHOOK_SIGNING_SECRET(true, Requirement.DEPLOYED,
            "SendGrid: the base64 verification key; Postmark: the shared token", Formats::emailWebhookSecret, Provider.SENDGRID, Provider.POSTMARK),
    UPSTASH_REDIS_REST_URL(false, Requirement.DEPLOYED, "https URL", Formats::httpsUrl, Provider.UPSTASH),
    UPSTASH_REDIS_REST_TOKEN(true, Requirement.DEPLOYED, "non-empty", Formats::nonEmptySecret, Provider.UPSTASH),
    BLOB_READ_WRITE_TOKEN(true, Requirement.OPTIONAL, "non-empty when set", Formats::nonEmptySecret, Provider.BLOB),
    FEATURE_FLAG_ENV_OVERRIDES_JSON(false, Requirement.OPTIONAL, "JSON object of flag key to value",
            Formats::checkedByFlagsModule),
    FEATURE_FLAG_ORG_OVERRIDES_JSON(false, Requirement.OPTIONAL, "JSON object of organization id to flag overrides",
            Formats::checkedByFlagsModule),
    ENTITLEMENT_ENV_OVERRIDES_JSON(false, Requirement.OPTIONAL, "JSON entitlements: seat_limit, features, usage_caps",
            Formats::checkedByFlagsModule),
    ENTITLEMENT_ORG_OVERRIDES_JSON(false, Requirement.OPTIONAL, "JSON object of organization id to entitlements",
            Formats::checkedByFlagsModule);

    private final boolean secret;
    private final Requirement requirement;
    private final String format;
    private final FormatCheck check;
    private final Set<Provider> providers;

    CanonicalVariable(boolean secret, Requirement requirement, String format, FormatCheck check, Provider... providers) {
        this.secret = secret;
        this.requirement = requirement;
        this.format = format;
        this.check = check;
        this.providers = providers.length == 0 ? Set.of()
                : Collections.unmodifiableSet(EnumSet.of(providers[0], providers));
    }

    /**
     * The providers this variable belongs to; empty for the variables every host needs. A host
     * that uses none of them does not need the variable.
     */
    public Set<Provider> providers() {
        return providers;
    }

    /** How the documentation table says it: {@code twilio}, {@code sendgrid or postmark}, {@code -}. */
    public String providerLabel() {
        return providers.isEmpty() ? "-" : String.join(" or ", providers.stream().map(Provider::id).toList());
    }

    public boolean isSecret() {
        return secret;
    }

    public Requirement requirement() {
        return requirement;
    }

    public boolean requiredIn(AppEnv env) {
        return requirement.requiredIn(env);
    }

    /** The format as people read it, for documentation and error hints. */
    public String format() {
        return format;
    }

    public FormatCheck formatCheck() {
        return check;
    }

    public static Optional<CanonicalVariable> byName(String name) {
        for (CanonicalVariable variable : values()) {
            if (variable.name().equals(name)) {
                return Optional.of(variable);
            }
        }
        return Optional.empty();
    }

    /** True for canonical secret variables. */
    public static boolean isSecretName(String name) {
        return byName(name).map(CanonicalVariable::isSecret).orElse(false);
    }
}
