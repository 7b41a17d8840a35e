package org.sosops.env.core;

import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.env.EnvironmentTraits;
import org.sosops.env.core.env.RealRecipientPolicy;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Variables;

/**
 * A validated environment: its name, its traits and its variables, obtained in one call at
 * start-up. Immutable and thread-safe.
 *
 * <pre>{@code
 * EnvironmentPolicy policy = EnvironmentPolicy.fromEnvironment();   // throws with the full report
 * if (policy.requiresStrictWebhookVerification()) { ... }
 * Secret token = policy.secret("TWILIO_AUTH_TOKEN").orElseThrow();
 * }</pre>
 */
public final class EnvironmentPolicy {
    private final AppEnv environment;
    private final Variables variables;
    private final ValidationReport report;
    private final Catalog catalog;

    EnvironmentPolicy(AppEnv environment, Variables variables, ValidationReport report, Catalog catalog) {
        this.environment = Objects.requireNonNull(environment);
        this.variables = Objects.requireNonNull(variables);
        this.report = Objects.requireNonNull(report);
        this.catalog = Objects.requireNonNull(catalog);
    }

    /**
     * Loads the process environment (plus the files named by {@code SOSOPS_ENV_FILE}), validates it
     * with every rule on the class path and returns the policy.
     *
     * @throws EnvironmentPolicyException whose message is the full report, when anything blocks
     */
    public static EnvironmentPolicy fromEnvironment() {
        return loader().load();
    }

    /** A loader to configure files, the register, the clock or the rules before loading. */
    public static EnvironmentPolicyLoader loader() {
        return new EnvironmentPolicyLoader();
    }

    public AppEnv environment() {
        return environment;
    }

    public EnvironmentTraits traits() {
        return environment.traits();
    }

    public boolean requiresStrictWebhookVerification() {
        return traits().strictWebhookVerification();
    }

    public boolean rateLimitingEnabled() {
        return traits().rateLimitingEnabled();
    }

    public boolean alertsOnWebhookFailures() {
        return traits().alertsOnWebhookFailures();
    }

    public boolean strictRbac() {
        return traits().strictRbac();
    }

    public boolean auditAlwaysOn() {
        return traits().auditAlwaysOn();
    }

    /**
     * How this environment may reach real (non-allowlisted) recipients: never in local; in dev and
     * staging only with a staff authorization for the list and the data label it names; in prod
     * with a staff authorization. The {@code RecipientGuard} decides each send by exactly this.
     */
    public RealRecipientPolicy realRecipients() {
        return traits().realRecipients();
    }

    /**
     * True where some send may reach a real (non-allowlisted) recipient: dev, staging and prod, each
     * only under {@link #realRecipients()}'s condition; false in local. It agrees with the
     * {@code RecipientGuard}: where it is false, the guard refuses every recipient off the allowlist.
     *
     * @deprecated the yes/no hides the condition; use {@link #realRecipients()}. Until 0.1 it
     *             answered false in dev and staging although authorized, labelled sends pass there.
     */
    @Deprecated(since = "0.1.0")
    public boolean mayMessageRealRecipients() {
        return realRecipients() != RealRecipientPolicy.NEVER;
    }

    /**
     * A non-secret variable's value when set and not blank.
     *
     * @throws IllegalArgumentException for a secret of the catalog (canonical or the host's own):
     *                                  use {@link #secret(String)}
     */
    public Optional<String> value(String name) {
        if (catalog.declaresSecret(name).orElse(false)) {
            throw new IllegalArgumentException(name + " is a secret; read it with secret(\"" + name + "\")");
        }
        return variables.value(name);
    }

    /** A variable's value as a {@link Secret}, when set and not blank. */
    public Optional<Secret> secret(String name) {
        return variables.value(name).map(Secret::of);
    }

    /** All variables the policy was built from, for handing to other configuration systems. */
    public Variables variables() {
        return variables;
    }

    /** The catalog the policy was checked against: the host's providers and its own variables. */
    public Catalog catalog() {
        return catalog;
    }

    /** The validation report: no blocking finding, but warnings and waived findings if any. */
    public ValidationReport report() {
        return report;
    }

    @Override
    public String toString() {
        return "EnvironmentPolicy[" + environment.id() + ", " + variables.names().size() + " variables]";
    }
}
