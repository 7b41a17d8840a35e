package org.sosops.env.webhooks;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/**
 * "The webhook guard can be built for this environment", as a {@code check} finding: whatever
 * {@link WebhookGuards#fromPolicy} would refuse at start-up is reported here first, by the same
 * parsers and verifier factories, without opening any database. Listed in this module's
 * {@code META-INF/services}, so {@code sosops-env check} runs it whenever the module is present.
 *
 * <ul>
 *   <li>a strict environment without the signing secret of a provider the host uses
 *       ({@code required-missing}, unless the catalog already requires it there);</li>
 *   <li>a token, key or URL that passes its format but that the verifier refuses
 *       ({@code value-invalid}; a value that fails its format is already reported by it);</li>
 *   <li>malformed guard settings: {@value RateLimitSpec#VARIABLE}, {@value #POSTMARK_ALLOWLIST},
 *       {@value #ALERT_URL} ({@code value-invalid}).</li>
 * </ul>
 */
public final class WebhookGuardRule implements Rule {
    static final String POSTMARK_ALLOWLIST = "SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST";
    static final String ALERT_URL = "SOSOPS_WEBHOOK_ALERT_URL";

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (context.environment().isEmpty()) {
            return;
        }
        AppEnv env = context.environment().get();
        Catalog catalog = context.catalog();
        Variables vars = context.variables();
        if (catalog.uses(Provider.TWILIO)) {
            requireWhenStrict(context, env, "TWILIO_AUTH_TOKEN", findings);
            if (wellFormed(context, "TWILIO_AUTH_TOKEN") && wellFormed(context, "APP_URL")) {
                Optional<String> token = vars.value("TWILIO_AUTH_TOKEN");
                Optional<String> appUrl = vars.value("APP_URL");
                if (token.isPresent() && appUrl.isPresent()) {
                    try {
                        TwilioSignatureVerifier.withAuthToken(Secret.of(token.get()), URI.create(appUrl.get().strip()));
                    } catch (IllegalArgumentException e) {
                        findings.accept(invalid(context, "TWILIO_AUTH_TOKEN",
                                "TWILIO_AUTH_TOKEN / APP_URL cannot verify Twilio signatures: " + e.getMessage()));
                    }
                }
            }
        }
        if (catalog.sendsEmail()) {
            requireWhenStrict(context, env, "EMAIL_WEBHOOK_SIGNING_SECRET", findings);
            emailVerifier(context, findings);
        }
        setting(context, RateLimitSpec.VARIABLE, findings, RateLimitSpec::parse);
        setting(context, POSTMARK_ALLOWLIST, findings, SourceAllowlist::parse);
        // The guard's own parser: alert URLs carry their secret in the path, so it never quotes them.
        setting(context, ALERT_URL, findings, WebhookGuards::alertUrl);
    }

    private static void emailVerifier(RuleContext context, Consumer<Finding> findings) {
        String name = "EMAIL_WEBHOOK_SIGNING_SECRET";
        Optional<String> secret = context.variables().value(name);
        if (secret.isEmpty() || !wellFormed(context, name) || !wellFormed(context, "EMAIL_PROVIDER")) {
            return;
        }
        String provider = context.variables().value("EMAIL_PROVIDER").map(p -> p.strip().toLowerCase(Locale.ROOT))
                .orElse("sendgrid");
        try {
            if (provider.equals("postmark")) {
                PostmarkTokenVerifier.withToken(Secret.of(secret.get()));
            } else {
                SendGridSignatureVerifier.withVerificationKey(Secret.of(secret.get()), Clock.systemUTC());
            }
        } catch (IllegalArgumentException e) {
            findings.accept(invalid(context, name, name + " cannot verify " + provider + " webhooks: " + e.getMessage()));
        }
    }

    // The catalog already requires each signing secret wherever verification is strict; this speaks
    // only if a host's catalog says otherwise, so the guard's refusal is never a surprise.
    private static void requireWhenStrict(RuleContext context, AppEnv env, String name, Consumer<Finding> findings) {
        if (!env.traits().strictWebhookVerification() || context.variables().value(name).isPresent()) {
            return;
        }
        boolean alreadyRequired = context.catalog().variable(name).map(v -> context.catalog().requiredIn(v, env)).orElse(false);
        if (!alreadyRequired) {
            findings.accept(Finding.error(RuleId.REQUIRED_MISSING, name + " is missing; webhook signature verification"
                            + " is strict in " + env.id() + " and the webhook guard refuses to start without it")
                    .variable(name).environment(env).build());
        }
    }

    private static boolean wellFormed(RuleContext context, String name) {
        Optional<VariableValue> value = context.variables().get(name);
        Optional<CatalogVariable> variable = context.catalog().variable(name);
        if (value.isEmpty() || variable.isEmpty()) {
            return true;
        }
        return variable.get().check().check(value.get().value(), context.environment(), context.variables()).isEmpty();
    }

    private static void setting(RuleContext context, String name, Consumer<Finding> findings,
                                java.util.function.Function<String, ?> parser) {
        context.variables().get(name).filter(v -> !v.isBlank()).ifPresent(value -> {
            try {
                parser.apply(value.value());
            } catch (IllegalArgumentException | WebhookConfigurationException e) {
                String message = String.valueOf(e.getMessage());
                findings.accept(invalid(context, name, message.startsWith(name) ? message : name + ": " + message));
            }
        });
    }

    private static Finding invalid(RuleContext context, String name, String message) {
        return Finding.error(RuleId.VALUE_INVALID, message).variable(name)
                .environment(context.environment().orElse(null))
                .at(context.variables().get(name).flatMap(VariableValue::location)).build();
    }
}
