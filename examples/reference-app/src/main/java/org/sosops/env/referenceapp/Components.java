package org.sosops.env.referenceapp;

import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.jdbc.PooledDataSource;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.flags.FlagResolver;
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
 *
 * <p>With {@code DATABASE_URL} the application builds ONE connection pool, as a host with its own
 * {@code DataSource} would, and hands it to the webhook guard and the flag store; it closes the
 * pool last, after the components that borrow from it.
 */
record Components(WebhookGuard webhooks, ReceivedWebhooks received, FlagResolver flags, RecipientGuard recipients,
                  MessageSender sender, StaffTokens staffTokens, Optional<PooledDataSource> pool) implements AutoCloseable {

    /** The flags this application declares; an override of any other flag refuses to start. */
    static final String[] BOOLEAN_FLAGS = {"bulk_sms", "new_inbox", "volunteer_portal"};

    static Components build(EnvironmentPolicy policy) throws StartupException {
        StaffTokens staffTokens = StaffTokens.parse(policy.value(StaffTokens.VARIABLE).orElse(""));
        Optional<PooledDataSource> pool = pool(policy);
        WebhookGuard webhooks;
        try {
            webhooks = pool.isPresent() ? WebhookGuards.fromPolicy(policy, pool.get()) : WebhookGuards.fromPolicy(policy);
        } catch (WebhookConfigurationException e) {
            pool.ifPresent(PooledDataSource::close);
            throw new StartupException("webhooks: " + e.getMessage(), e);
        }
        FlagResolver flags;
        try {
            flags = flags(policy, pool);
        } catch (StartupException e) {
            webhooks.close();
            pool.ifPresent(PooledDataSource::close);
            throw e;
        }
        RecipientGuard recipients;
        try {
            recipients = RecipientGuard.builder(policy).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            flags.close();
            webhooks.close();
            pool.ifPresent(PooledDataSource::close);
            throw new StartupException("recipient guard: " + e.getMessage(), e);
        }
        // Only prod may reach a provider; every other environment gets the dry-run sender.
        MessageSender sender = policy.environment() == AppEnv.PROD ? ProviderSender.from(policy) : new DryRunSender();
        return new Components(webhooks, new ReceivedWebhooks(), flags, recipients, sender, staffTokens, pool);
    }

    /** The application's pool (named {@code sosops-env-reference-app}) when {@code DATABASE_URL} is set. */
    private static Optional<PooledDataSource> pool(EnvironmentPolicy policy) throws StartupException {
        Optional<String> url = policy.secret("DATABASE_URL").map(secret -> secret.reveal());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PooledDataSources.fromUrl("DATABASE_URL", url.get())
                    .component("reference-app")
                    .maximumPoolSize(PooledDataSources.poolSize(policy.value(PooledDataSources.POOL_SIZE_VARIABLE)))
                    .build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("database: " + e.getMessage(), e);
        }
    }

    private static FlagResolver flags(EnvironmentPolicy policy, Optional<PooledDataSource> pool) throws StartupException {
        FlagResolver.Builder builder = FlagResolver.builder().environment(policy.environment());
        for (String flag : BOOLEAN_FLAGS) {
            builder.flag(flag, false);
        }
        try {
            builder.overrides(policy.variables());
            if (pool.isPresent()) {
                JdbcFlagStore store = JdbcFlagStore.on(pool.get());
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
        webhooks.close();
        pool.ifPresent(PooledDataSource::close);
    }
}
