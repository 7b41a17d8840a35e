package org.sosops.env.core.rules.builtin;

import java.util.function.Consumer;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;

/**
 * A warning when {@code TWILIO_WEBHOOK_SIGNING_SECRET} is set: Twilio signs its webhooks with the
 * account's auth token, so the library verifies them with {@code TWILIO_AUTH_TOKEN} and never reads
 * this variable. It stays in the catalog only so that a value someone sets is treated as a secret
 * (never printed, compared across environments); the warning keeps anyone from believing it is used.
 */
public final class TwilioSigningSecretRule implements Rule {
    static final String NAME = "TWILIO_WEBHOOK_SIGNING_SECRET";

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        context.variables().get(NAME).filter(v -> !v.isBlank()).ifPresent(value ->
                findings.accept(Finding.warning(RuleId.VALUE_INVALID, NAME + " is set but not used: Twilio signs"
                                + " webhooks with the account's auth token, so they are verified with TWILIO_AUTH_TOKEN;"
                                + " remove " + NAME + " or keep it only as a documented secret")
                        .variable(NAME).environment(context.environment().orElse(null)).at(value.location()).build()));
    }
}
