package org.sosops.env.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.webhooks.WebhookGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters for the request path: {@code sosops.webhook.requests{provider,outcome}} and
 * {@code sosops.flag.resolutions{source}}, attached to the guard and the resolver as observers.
 */
@AutoConfiguration(afterName = {
        // Spring Boot 3.x
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        // Spring Boot 4.x moved them
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        before = {SosOpsFlagsAutoConfiguration.class, SosOpsWebhooksAutoConfiguration.class})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class SosOpsMetricsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebhookGuard.class)
    static class Webhooks {
        @Bean
        @ConditionalOnMissingBean
        WebhookRequestMetrics sosOpsWebhookRequestMetrics(MeterRegistry registry) {
            return new WebhookRequestMetrics(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlagResolver.class)
    static class Flags {
        @Bean
        @ConditionalOnMissingBean
        FlagResolutionMetrics sosOpsFlagResolutionMetrics(MeterRegistry registry) {
            return new FlagResolutionMetrics(registry);
        }
    }
}
