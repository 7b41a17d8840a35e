package org.sosops.env.referenceapp;

import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.store.ConnectionFactory;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.store.JdbcFlagStore;
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.referenceapp.messages.DryRunSender;
import org.sosops.env.referenceapp.messages.MessageSender;
import org.sosops.env.referenceapp.messages.ProviderSender;
import org.sosops.env.referenceapp.webhooks.ReceivedWebhooks;
import org.sosops.env.webhooks.WebhookConfigurationException;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;

/**
 * Every library component the application uses, each built from the validated policy in one
 * obvious call. A component that cannot be built stops the start with a {@link StartupException}
 * naming the variable; nothing is silently left out.
 */
record Components(WebhookGuard webhooks, ReceivedWebhooks received, FlagResolver flags, RecipientGuard recipients,
                  MessageSender sender, StaffTokens staffTokens) implements AutoCloseable {

    /** The flags this application declares; an override of any other flag refuses to start. */
    static final String[] BOOLEAN_FLAGS = {"bulk_sms", "new_inbox", "volunteer_portal"};

    static Components build(EnvironmentPolicy policy) throws StartupException {
        StaffTokens staffTokens = StaffTokens.parse(policy.value(StaffTokens.VARIABLE).orElse(""));
        WebhookGuard webhooks;
        try {
            webhooks = WebhookGuards.fromPolicy(policy);
        } catch (WebhookConfigurationException e) {
            throw new StartupException("webhooks: " + e.getMessage(), e);
        }
        FlagResolver flags = flags(policy);
        RecipientGuard recipients;
        try {
            recipients = RecipientGuard.builder(policy).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            flags.close();
            throw new StartupException("recipient guard: " + e.getMessage(), e);
        }
        // Only prod may reach a provider; every other environment gets the dry-run sender.
        MessageSender sender = policy.environment() == AppEnv.PROD ? ProviderSender.from(policy) : new DryRunSender();
        return new Components(webhooks, new ReceivedWebhooks(), flags, recipients, sender, staffTokens);
    }

    private static FlagResolver flags(EnvironmentPolicy policy) throws StartupException {
        FlagResolver.Builder builder = FlagResolver.builder().environment(policy.environment());
        for (String flag : BOOLEAN_FLAGS) {
            builder.flag(flag, false);
        }
        try {
            builder.overrides(policy.variables());
            Optional<DatabaseUrl> database = policy.secret("DATABASE_URL").flatMap(url -> DatabaseUrl.parse(url.reveal()));
            if (database.isPresent()) {
                JdbcFlagStore store = JdbcFlagStore.builder().connections(ConnectionFactory.of(database.get())).build();
                store.migrate();
                builder.store(store);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new StartupException("feature flags: " + e.getMessage(), e);
        } catch (FlagStoreException e) {
            throw new StartupException("feature flags: the flag table cannot be prepared: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        flags.close();
    }
}
