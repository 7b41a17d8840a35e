package org.sosops.env.spring.boot;

import java.util.List;
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
 * The {@link WebhookGuard} for the standard webhook paths ({@link WebhookGuards#TWILIO_INBOUND},
 * {@link WebhookGuards#TWILIO_STATUS}, {@link WebhookGuards#EMAIL_EVENTS}), configured by the
 * policy, told to every {@link WebhookObserver} bean (the metrics).
 */
@AutoConfiguration(after = SosOpsPolicyAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnClass(WebhookGuard.class)
@ConditionalOnProperty(prefix = "sosops.webhooks", name = "enabled", matchIfMissing = true)
public class SosOpsWebhooksAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WebhookGuard sosOpsWebhookGuard(EnvironmentPolicy policy, ObjectProvider<WebhookObserver> observers) {
        WebhookGuard guard = WebhookGuards.fromPolicy(policy);
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
