package org.sosops.env.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.entitlements.EntitlementResolver;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.WebhookResponse;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class SosOpsAutoConfigurationTest {
    static final String AUTH_SECRET = "k8Jd2mQ9xT4vW7zR1pL6nB3cF5hY0sGa";
    private static final AutoConfigurations ALL = AutoConfigurations.of(SosOpsPolicyAutoConfiguration.class,
            SosOpsFlagsAutoConfiguration.class, SosOpsRecipientsAutoConfiguration.class,
            SosOpsWebhooksAutoConfiguration.class, SosOpsWebhookFilterAutoConfiguration.class,
            SosOpsMetricsAutoConfiguration.class, SosOpsHealthAutoConfiguration.class);

    @TempDir
    Path dataDir;

    private ApplicationContextRunner local() {
        return new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues(
                "APP_ENV=local", "APP_URL=http://localhost:8080", "AUTH_SECRET=" + AUTH_SECRET, "LOG_LEVEL=info",
                "SOSOPS_WEBHOOK_DATA_DIR=" + dataDir, "sosops.flags.defaults.new_inbox=false",
                "sosops.flags.defaults.banner=welcome");
    }

    @Test
    void aValidEnvironmentGivesEveryBeanFromSpringProperties() {
        local().withPropertyValues("FEATURE_FLAG_ENV_OVERRIDES_JSON={\"new_inbox\": true}").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EnvironmentPolicy.class).hasSingleBean(FlagResolver.class)
                    .hasSingleBean(EntitlementResolver.class).hasSingleBean(RecipientGuard.class)
                    .hasSingleBean(WebhookGuard.class).hasBean(SosOpsHealthAutoConfiguration.BEAN);
            EnvironmentPolicy policy = context.getBean(EnvironmentPolicy.class);
            assertThat(policy.environment().id()).isEqualTo("local");
            assertThat(policy.value("APP_URL")).contains("http://localhost:8080");
            assertThat(policy.variables().value("SOSOPS_WEBHOOK_DATA_DIR")).contains(dataDir.toString());
            FlagResolver flags = context.getBean(FlagResolver.class);
            assertThat(flags.isEnabled("new_inbox")).isTrue();
            assertThat(flags.stringValue(null, "banner", "x")).isEqualTo("welcome");
            assertThat(context.getBean(WebhookGuard.class).paths())
                    .contains(WebhookGuards.TWILIO_INBOUND, WebhookGuards.TWILIO_STATUS, WebhookGuards.EMAIL_EVENTS);
        });
    }

    @Test
    void onlyCanonicalVariablesAndSosOpsSettingsReachThePolicy() {
        local().withPropertyValues("STRIPE_SECRET_KEY=sk_live_should_not_be_copied", "server.port=0").run(context -> {
            EnvironmentPolicy policy = context.getBean(EnvironmentPolicy.class);
            assertThat(policy.variables().names()).doesNotContain("STRIPE_SECRET_KEY", "server.port", "PATH")
                    .contains("APP_ENV", "SOSOPS_WEBHOOK_DATA_DIR");
        });
    }

    @Test
    void aVariableTheHostDeclaresIsReadFromSpringAndJoinsTheReportAsASecret() {
        String good = "pk_" + "a1".repeat(12);
        local().withPropertyValues(PaymentVariables.NAME + "=" + good).run(context -> {
            EnvironmentPolicy policy = context.getBean(EnvironmentPolicy.class);
            assertThat(policy.secret(PaymentVariables.NAME)).isPresent();
            assertThat(policy.toString()).doesNotContain(good);
        });
        String bad = "not-a-payments-key-value";
        local().withPropertyValues(PaymentVariables.NAME + "=" + bad).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EnvironmentPolicyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(PaymentVariables.NAME).doesNotContain(bad);
        });
    }

    @Test
    void sosopsProvidersReachesThePolicyAsTheLibrarysSetting() {
        local().withPropertyValues("sosops.providers=twilio,sendgrid", "SOSOPS_PROVIDERS=postmark").run(context ->
                assertThat(context.getBean(EnvironmentPolicy.class).variables().value("SOSOPS_PROVIDERS"))
                        .contains("twilio,sendgrid"));
    }

    @Test
    void aBrokenEnvironmentStopsStartUpWithTheWholeReportAndNoSecret() {
        String weakToken = "0123456789abcdef0123456789abcdeZ";
        new ApplicationContextRunner().withConfiguration(ALL)
                .withPropertyValues("APP_ENV=prod", "APP_URL=http://ops.example.org", "AUTH_SECRET=changeme",
                        "TWILIO_AUTH_TOKEN=" + weakToken, "SOSOPS_WEBHOOK_DATA_DIR=" + dataDir)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new EnvironmentPolicyFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("prod", "APP_URL", "AUTH_SECRET", "TWILIO_AUTH_TOKEN",
                                    "DATABASE_URL", "LOG_LEVEL", "EMAIL_PROVIDER")
                            .doesNotContain(weakToken, "changeme");
                    assertThat(analysis.getAction()).contains("RISKS_DECISIONS.md");
                    assertThat(analysis.getCause()).isInstanceOf(EnvironmentPolicyException.class);
                });
    }

    @Test
    void everyBeanCanBeReplacedByTheHostsOwn() {
        FlagResolver own = FlagResolver.builder().environment(org.sosops.env.core.env.AppEnv.LOCAL).flag("mine", true).build();
        local().withBean(FlagResolver.class, () -> own).run(context -> {
            assertThat(context.getBean(FlagResolver.class)).isSameAs(own);
            assertThat(context).hasSingleBean(FlagResolver.class);
        });
        EnvironmentPolicy hosts = EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(Map.of(
                "APP_ENV", "local", "APP_URL", "https://hosts-own.example.org", "AUTH_SECRET", AUTH_SECRET, "LOG_LEVEL", "info",
                "SOSOPS_WEBHOOK_DATA_DIR", dataDir.toString())).rules(org.sosops.env.core.rules.RuleEngine.of(java.util.List.of()))
                .load();
        local().withBean(EnvironmentPolicy.class, () -> hosts).run(context -> {
            assertThat(context.getBean(EnvironmentPolicy.class)).isSameAs(hosts);
            assertThat(context.getBean(EnvironmentPolicy.class).value("APP_URL")).contains("https://hosts-own.example.org");
        });
    }

    @Test
    void partsCanBeSwitchedOff() {
        local().withPropertyValues("sosops.flags.enabled=false", "sosops.webhooks.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(FlagResolver.class).doesNotHaveBean(WebhookGuard.class)
                        .hasSingleBean(RecipientGuard.class));
    }

    @Test
    void metricsCountFlagResolutionsAndWebhookAnswersByFixedTags() {
        local().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("FEATURE_FLAG_ORG_OVERRIDES_JSON={\"org_1\": {\"new_inbox\": true}}")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    FlagResolver flags = context.getBean(FlagResolver.class);
                    flags.isEnabled("org_1", "new_inbox");
                    flags.isEnabled("org_2", "new_inbox");
                    flags.isEnabled("org_2", "undeclared");
                    assertThat(registry.get(FlagResolutionMetrics.NAME).tag("source", "org").counter().count()).isEqualTo(1);
                    assertThat(registry.get(FlagResolutionMetrics.NAME).tag("source", "default").counter().count()).isEqualTo(1);
                    assertThat(registry.get(FlagResolutionMetrics.NAME).tag("source", "unknown").counter().count()).isEqualTo(1);

                    WebhookGuard guard = context.getBean(WebhookGuard.class);
                    WebhookResponse answer = guard.handle(WebhookRequest.builder("GET", WebhookGuards.TWILIO_STATUS).build(),
                            (request, id) -> { });
                    assertThat(answer.status()).isEqualTo(405);
                    assertThat(registry.get(WebhookRequestMetrics.NAME).tag("provider", "twilio")
                            .tag("outcome", "method_not_allowed").counter().count()).isEqualTo(1);
                    // Tags never carry an organization or request id.
                    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                            .doesNotContain("org_1", "org_2", answer.requestId()));
                });
    }

    @Test
    void healthIsUpWithThePolicyAndDownWhenTheFlagStoreCannotBeRead() {
        local().run(context -> {
            Health health = context.getBean(SosOpsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("environment", "local").containsEntry("policy", "ok")
                    .containsEntry("webhookFailureStore", "reachable").containsEntry("flagStore", "none");
        });
        FlagStore down = new FlagStore() {
            @Override
            public Map<String, FlagValue> loadAll() {
                throw new FlagStoreException("flag table unreachable", null);
            }

            @Override
            public void put(String key, FlagValue value) {
            }

            @Override
            public void remove(String key) {
            }
        };
        local().withBean(SosOpsFlagStore.class, () -> SosOpsFlagStore.of(down)).run(context -> {
            Health health = context.getBean(SosOpsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("flagStore", "never read");
        });
    }

    @Test
    void theFilterIsRegisteredForExactlyTheGuardsPaths() {
        new WebApplicationContextRunner().withConfiguration(ALL).withPropertyValues(
                "APP_ENV=local", "APP_URL=http://localhost:8080", "AUTH_SECRET=" + AUTH_SECRET, "LOG_LEVEL=info",
                "SOSOPS_WEBHOOK_DATA_DIR=" + dataDir, "sosops.webhooks.max-body-bytes=2048").run(context -> {
                    FilterRegistrationBean<?> registration = context.getBean(
                            SosOpsWebhookFilterAutoConfiguration.REGISTRATION, FilterRegistrationBean.class);
                    assertThat(registration.getUrlPatterns()).containsExactlyInAnyOrder(WebhookGuards.TWILIO_INBOUND,
                            WebhookGuards.TWILIO_STATUS, WebhookGuards.EMAIL_EVENTS);
                    assertThat(registration.getOrder()).isEqualTo(-2147483548);
                });
        local().run(context -> assertThat(context).doesNotHaveBean(SosOpsWebhookFilterAutoConfiguration.REGISTRATION));
    }
}
