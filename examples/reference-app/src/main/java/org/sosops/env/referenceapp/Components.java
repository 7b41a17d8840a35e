package org.sosops.env.referenceapp;

import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.referenceapp.messages.DryRunSender;
import org.sosops.env.referenceapp.messages.MessageSender;
import org.sosops.env.referenceapp.messages.ProviderSender;

/**
 * Every library component the application uses, each built from the validated policy in one
 * obvious call. A component that cannot be built stops the start with a {@link StartupException}
 * naming the variable; nothing is silently left out.
 */
record Components(RecipientGuard recipients, MessageSender sender) implements AutoCloseable {

    static Components build(EnvironmentPolicy policy) throws StartupException {
        RecipientGuard recipients;
        try {
            recipients = RecipientGuard.builder(policy).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("recipient guard: " + e.getMessage(), e);
        }
        // Only prod may reach a provider; every other environment gets the dry-run sender.
        MessageSender sender = policy.environment() == AppEnv.PROD ? ProviderSender.from(policy) : new DryRunSender();
        return new Components(recipients, sender);
    }

    @Override
    public void close() {
        // Nothing held yet beyond memory.
    }
}
