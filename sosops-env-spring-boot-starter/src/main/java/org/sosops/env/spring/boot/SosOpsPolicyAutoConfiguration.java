package org.sosops.env.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.EnvironmentPolicyLoader;
import org.sosops.env.core.env.AppEnv;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link EnvironmentPolicy}, validated from Spring's {@link Environment} at start-up. A
 * configuration that fails the policy throws {@link EnvironmentPolicyException} with the whole
 * report; {@link EnvironmentPolicyFailureAnalyzer} prints it instead of a stack trace.
 */
@AutoConfiguration
@EnableConfigurationProperties(SosOpsProperties.class)
public class SosOpsPolicyAutoConfiguration {
    /** The library's setting naming the providers the host uses; {@code sosops.providers} feeds it. */
    static final String PROVIDERS_SETTING = "SOSOPS_PROVIDERS";

    @Bean
    @ConditionalOnMissingBean
    public EnvironmentPolicy sosOpsEnvironmentPolicy(Environment environment, SosOpsProperties properties) {
        SosOpsProperties.Policy settings = properties.policy();
        Map<String, String> variables = new LinkedHashMap<>(SpringEnvironmentVariables.collect(environment));
        if (!properties.providers().isEmpty()) {
            variables.put(PROVIDERS_SETTING, String.join(",", properties.providers()));
        }
        EnvironmentPolicyLoader loader = EnvironmentPolicy.loader()
                .processEnvironment(variables)
                .envFiles(settings.envFiles());
        if (settings.register() != null) {
            loader.register(settings.register());
        }
        if (settings.expectedEnvironment() != null && !settings.expectedEnvironment().isBlank()) {
            loader.expectEnvironment(AppEnv.parse(settings.expectedEnvironment()).orElseThrow(() ->
                    new IllegalStateException("sosops.policy.expected-environment must be local, dev, staging or prod")));
        }
        return loader.load();
    }
}
