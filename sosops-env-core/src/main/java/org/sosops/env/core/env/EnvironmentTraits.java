package org.sosops.env.core.env;

import java.util.Optional;

/**
 * The policy an environment carries (docs/environments.md). Obtain it from {@link AppEnv#traits()}.
 *
 * @param strictRbac                    role checks are enforced, never bypassed
 * @param auditAlwaysOn                 audit logging cannot be switched off
 * @param backups                       which backups operations must keep
 * @param strictWebhookVerification     unsigned or badly signed webhooks are refused
 * @param rateLimitingEnabled           webhook and API rate limits are on by default
 * @param alertsOnWebhookFailures       a failed webhook raises an alert
 * @param realRecipients                whether messages may reach real (non-allowlisted) people
 * @param migrationsProvenOnId          the environment a migration must have run on first
 */
public record EnvironmentTraits(
        boolean strictRbac,
        boolean auditAlwaysOn,
        BackupExpectation backups,
        boolean strictWebhookVerification,
        boolean rateLimitingEnabled,
        boolean alertsOnWebhookFailures,
        RealRecipientPolicy realRecipients,
        Optional<String> migrationsProvenOnId) {
}
