package org.sosops.env.spring.boot;

import java.util.List;
import javax.sql.DataSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.WebhookObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@link WebhookGuard} on the application's {@code DataSource} (rate limits, seen ids and
 * failure records shared by every instance when it is PostgreSQL) for the standard webhook paths ({@link WebhookGuards#TWILIO_INBOUND},
 * {@link WebhookGuards#TWILIO_STATUS}, {@link WebhookGuards#EMAIL_EVENTS}), configured by the
 * policy, told to every {@link WebhookObserver} bean (the metrics).
 */
@AutoConfiguration(after = SosOpsPolicyAutoConfiguration.class,
        afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(WebhookGuard.class)
@ConditionalOnProperty(prefix = "sosops.webhooks", name = "enabled", matchIfMissing = true)
public class SosOpsWebhooksAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WebhookGuard sosOpsWebhookGuard(EnvironmentPolicy policy, ObjectProvider<DataSource> dataSources,
                                           ObjectProvider<WebhookObserver> observers) {
        // The application's DataSource when it has one (never closed by the guard); otherwise the
        // library's own choice: a pool on DATABASE_URL, or the embedded store.
        DataSource dataSource = dataSources.getIfUnique();
        WebhookGuard guard = dataSource != null ? WebhookGuards.fromPolicy(policy, dataSource)
                : WebhookGuards.fromPolicy(policy);
        List<WebhookObserver> all = observers.orderedStream().toList();
        if (all.isEmpty()) {
            return guard;
        }
        return guard.withObserver(all.size() == 1 ? all.get(0) : (provider, outcome) -> {
            for (WebhookObserver observer : all) {
                observer.answered(provider, outcome);
            }
        });
    }
}
