package org.sosops.env.core.rules;

import java.util.Optional;

/**
 * Every rule id of CONTRACT §3, the only place they are spelled. Tests, CI gates and waivers
 * refer to them by {@link #id()}.
 */
public enum RuleId {
    APP_ENV_INVALID("app-env-invalid", "APP_ENV missing or not canonical"),
    REQUIRED_MISSING("required-missing", "a variable required in this environment is absent or blank"),
    VALUE_INVALID("value-invalid", "a value breaks its format (including unparsable override JSON)"),
    SECRET_WEAK("secret-weak", "a secret is too short, a placeholder, or low-entropy"),
    DATABASE_SEPARATION("database-separation",
            "DATABASE_URL's database is not sos_ops_<env>, or staging/prod points at a local host"),
    SECRET_SHARED("secret-shared", "one secret value appears in two or more environments"),
    IDENTITY_SHARED("identity-shared",
            "two environments share DATABASE_URL host+database, APP_URL, TWILIO_MESSAGING_SERVICE_SID or EMAIL_FROM_EMAIL"),
    EXAMPLE_SECRET("example-secret", ".env.example holds a real-looking value for a secret variable"),
    HARDCODED_SECRET("hardcoded-secret", "a source file holds a secret literal"),
    RECIPIENT_NOT_ALLOWLISTED("recipient-not-allowlisted", "outside prod, a message to a recipient not on the allowlist"),
    RECIPIENT_UNAUTHORIZED("recipient-unauthorized", "in prod, a message to a real list without a staff authorization"),
    MIGRATION_RISKY("migration-risky", "a migration statement matches a risky pattern and is not in the baseline");

    private final String id;
    private final String description;

    RuleId(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<RuleId> fromId(String id) {
        for (RuleId rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
