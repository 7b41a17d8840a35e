package org.sosops.env.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.Filter;
import org.sosops.env.servlet.WebhookGuardFilter;
import org.sosops.env.webhooks.WebhookGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link WebhookGuardFilter} for exactly the guard's paths, so the host's own
 * controllers for those paths receive verified requests only, bodies intact.
 */
@AutoConfiguration(after = SosOpsWebhooksAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, WebhookGuardFilter.class})
@ConditionalOnBean(WebhookGuard.class)
public class SosOpsWebhookFilterAutoConfiguration {
    /** The registration bean's name; define a bean of this name to replace it. */
    public static final String REGISTRATION = "sosOpsWebhookFilterRegistration";

    @Bean(REGISTRATION)
    @ConditionalOnMissingBean(name = REGISTRATION)
    public FilterRegistrationBean<WebhookGuardFilter> sosOpsWebhookFilterRegistration(WebhookGuard guard,
                                                                                       SosOpsProperties properties) {
        SosOpsProperties.Webhooks settings = properties.webhooks();
        WebhookGuardFilter filter = settings.maxBodyBytes() == null ? new WebhookGuardFilter(guard)
                : new WebhookGuardFilter(guard, settings.maxBodyBytes());
        FilterRegistrationBean<WebhookGuardFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("sosOpsWebhookGuard");
        registration.setUrlPatterns(filter.paths());
        registration.setOrder(settings.filterOrder());
        return registration;
    }

    /** Requests refused 413 unread never reach the guard; they are counted here. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class OversizedMetrics {
        @Bean
        MeterBinder sosOpsWebhookOversizedMetrics(
                @org.springframework.beans.factory.annotation.Qualifier(REGISTRATION)
                FilterRegistrationBean<WebhookGuardFilter> registration) {
            WebhookGuardFilter filter = registration.getFilter();
            return registry -> FunctionCounter.builder(WebhookRequestMetrics.NAME, filter, WebhookGuardFilter::oversizedCount)
                    .description("Webhook requests by provider and outcome")
                    .tags("provider", WebhookRequestMetrics.UNREAD_PROVIDER, "outcome", "too_large")
                    .register(registry);
        }
    }
}
