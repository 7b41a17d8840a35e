package org.sosops.env.core.rules;

import java.util.Optional;

/**
 * Every rule id, the only place they are spelled, with the texts that explain them: a short
 * description, a full description (why the rule exists) and a help text (how to fix a finding).
 * Tests, CI gates, waivers and the SARIF {@code rules} array refer to them by {@link #id()}.
 *
 * <pre>{@code
 * RuleId rule = RuleId.fromId("secret-weak").orElseThrow();
 * String fix = rule.help();
 * }</pre>
 */
public enum RuleId {
    APP_ENV_INVALID("app-env-invalid", "APP_ENV missing or not canonical",
            "APP_ENV decides every other rule (which variables are required, which database name is"
                    + " expected, who may receive messages), so it must be one of local, dev, staging or prod.",
            "Set APP_ENV to local, dev, staging or prod (lower case) in the environment's .env file or deploy settings."),
    REQUIRED_MISSING("required-missing", "a variable required in this environment is absent or blank",
            "Each environment needs a known set of variables; a missing one fails at the first request"
                    + " that needs it instead of at start-up.",
            "Set the named variable in this environment's settings; the environments page lists what each"
                    + " environment requires."),
    VALUE_INVALID("value-invalid", "a value breaks its format (including unparsable override JSON)",
            "A value that does not parse (a URL, a number, an e-mail address, a JSON override document)"
                    + " would fail later and further from its cause.",
            "Correct the value to the format the message names; the configuration page gives each variable's format."),
    SECRET_WEAK("secret-weak", "a secret is too short, a placeholder, or low-entropy",
            "A placeholder, or a short or low-entropy secret, lets anyone who guesses it sign webhooks or"
                    + " sessions.",
            "Generate a fresh random secret (for example `openssl rand -base64 48`) and store it in the"
                    + " environment's secret store."),
    DATABASE_SEPARATION("database-separation",
            "DATABASE_URL's database is not sos_ops_<env>, or staging/prod points at a local host",
            "Each environment has its own database named sos_ops_<environment>, so a dev run can never"
                    + " write to staging or production data.",
            "Point DATABASE_URL at this environment's own database (sos_ops_<environment>) on a host that is"
                    + " not localhost in staging and prod."),
    SECRET_SHARED("secret-shared", "one secret value appears in two or more environments",
            "A secret shared between environments means a leak of the weaker environment opens the stronger one.",
            "Generate a separate secret for each environment and rotate the one that was shared."),
    IDENTITY_SHARED("identity-shared",
            "two environments share DATABASE_URL host+database, APP_URL, TWILIO_MESSAGING_SERVICE_SID or EMAIL_FROM_EMAIL",
            "Two environments with one database, URL, messaging service or sender address can write to each"
                    + " other's data or send real messages from a test environment.",
            "Give each environment its own database, APP_URL, messaging service and sender address."),
    EXAMPLE_SECRET("example-secret", ".env.example holds a real-looking value for a secret variable",
            "A .env.example is committed and copied; a real-looking secret in it is either a leaked"
                    + " secret or one that will be reused.",
            "Replace the value with an obvious placeholder such as <your-key> and rotate the secret if it was real."),
    HARDCODED_SECRET("hardcoded-secret", "a source file holds a secret literal",
            "A secret in source code reaches every clone, build log and backup of the repository.",
            "Read the secret from the environment instead, rotate it, and if the literal is a reviewed test"
                    + " value add an allow comment with a reason or a baseline entry."),
    RECIPIENT_NOT_ALLOWLISTED("recipient-not-allowlisted", "outside prod, a message to a recipient not on the allowlist",
            "Outside production a message may only go to allowlisted test recipients, so a test run never"
                    + " reaches a real person.",
            "Add the recipient to the environment's allowlist if it is a test recipient, or send from prod."),
    RECIPIENT_UNAUTHORIZED("recipient-unauthorized", "in prod, a message to a real list without a staff authorization",
            "In production a send to a real list needs a recorded staff authorization, so no one messages a"
                    + " list by accident.",
            "Record a staff authorization for the send, then retry it."),
    MIGRATION_RISKY("migration-risky", "a migration statement matches a risky pattern and is not in the baseline",
            "DROP TABLE, DROP COLUMN, TRUNCATE, ALTER TYPE and DELETE FROM lose data or lock tables; each one"
                    + " needs a review before it reaches production.",
            "Review the statement (backup, expand-and-contract, batch), then record it with"
                    + " `sosops-env migrations baseline` or rewrite it.");

    private final String id;
    private final String description;
    private final String fullDescription;
    private final String help;

    RuleId(String id, String description, String fullDescription, String help) {
        this.id = id;
        this.description = description;
        this.fullDescription = fullDescription;
        this.help = help;
    }

    /** The rule's id as written in output, waivers and baselines, e.g. {@code secret-weak}. */
    public String id() {
        return id;
    }

    /** What the rule finds, in one line. */
    public String description() {
        return description;
    }

    /** Why the rule exists, in a sentence or two. */
    public String fullDescription() {
        return fullDescription;
    }

    /** How to fix a finding of this rule. */
    public String help() {
        return help;
    }

    /** The rule with this id, if there is one. */
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
