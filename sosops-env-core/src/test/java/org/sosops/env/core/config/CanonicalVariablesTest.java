package org.sosops.env.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.WithName;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.Samples;
import org.sosops.env.core.catalog.CanonicalVariable;
import org.sosops.env.core.dotenv.DotEnvConfigSource;
import org.sosops.env.core.dotenv.DotEnvConfigSourceProvider;
import org.sosops.env.core.dotenv.DotEnvProviders;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;

/** The shipped mapping of the canonical variables, read through SmallRye Config and Bean Validation. */
class CanonicalVariablesTest {
    @TempDir
    Path dir;

    private Path dotEnv(Map<String, String> vars) throws IOException {
        StringBuilder text = new StringBuilder();
        vars.forEach((k, v) -> text.append(k).append("=\"").append(v).append("\"\n"));
        return Files.writeString(dir.resolve(".env"), text.toString());
    }

    private static SmallRyeConfig config(Path file) {
        return new SmallRyeConfigBuilder()
                .withSources(DotEnvConfigSource.of(file))
                .addDefaultInterceptors()
                .withCustomizers(new SecretKeysCustomizer())
                .withValidator(new BeanValidationConfigValidatorImpl())
                .withMapping(CanonicalVariables.class)
                .build();
    }

    @Test
    void aValidSampleMapsWithSecretsTypedAsSecret() throws IOException {
        CanonicalVariables vars = config(dotEnv(Samples.complete(AppEnv.STAGING))).getConfigMapping(CanonicalVariables.class);
        assertThat(vars.appEnv()).isEqualTo("staging");
        assertThat(vars.appUrl()).isEqualTo("https://staging.sosops.example.org");
        assertThat(vars.authSecret().reveal()).isEqualTo(Samples.AUTH_SECRET);
        assertThat(vars.authSecret().toString()).doesNotContain(Samples.AUTH_SECRET);
        assertThat(vars.twilioAuthToken()).map(Secret::reveal).contains(Samples.TWILIO_AUTH_TOKEN);
        assertThat(vars.emailWebhookSigningSecret()).map(Secret::reveal).contains(Samples.SENDGRID_VERIFICATION_KEY);
        assertThat(vars.blobReadWriteToken()).isEmpty();
    }

    @Test
    void anInvalidSampleReportsEveryViolationNamingTheVariablesAndNoSecretValue() throws IOException {
        Map<String, String> vars = Samples.complete(AppEnv.DEV);
        vars.put("APP_URL", "not a url");
        vars.put("LOG_LEVEL", "loud");
        vars.put("AUTH_SECRET", "Zq8vLm2Xw9Yt7Ub6");
        vars.put("TWILIO_AUTH_TOKEN", "Hk29xLmQ8vTz3Wn7Yp1Rc5");
        vars.put("EMAIL_FROM_EMAIL", "not-an-address");
        vars.put("UPSTASH_REDIS_REST_TOKEN", "changeme");
        SmallRyeConfig config = config(dotEnv(vars));
        assertThatThrownBy(() -> config.getConfigMapping(CanonicalVariables.class))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < e.getProblemCount(); i++) {
                        problems.add(e.getProblem(i).getMessage());
                    }
                    assertThat(problems).hasSize(6);
                    assertThat(String.join("\n", problems)).contains("APP_URL").contains("LOG_LEVEL")
                            .contains("AUTH_SECRET").contains("TWILIO_AUTH_TOKEN").contains("EMAIL_FROM_EMAIL")
                            .contains("UPSTASH_REDIS_REST_TOKEN").contains("must be 32 hex characters")
                            .contains("placeholder");
                    assertThat(e.getMessage() + String.join("", problems)).doesNotContain("Zq8vLm2Xw9Yt7Ub6")
                            .doesNotContain("Hk29xLmQ8vTz3Wn7Yp1Rc5").doesNotContain("changeme");
                });
    }

    @Test
    void secretsAreSmallRyeSecretKeys() throws IOException {
        SmallRyeConfig config = config(dotEnv(Samples.complete(AppEnv.PROD)));
        assertThatThrownBy(() -> config.getValue("TWILIO_AUTH_TOKEN", String.class)).isInstanceOf(SecurityException.class)
                .hasMessageNotContaining(Samples.TWILIO_AUTH_TOKEN);
        assertThatThrownBy(() -> config.getValue("AUTH_SECRET", String.class)).isInstanceOf(SecurityException.class);
        assertThat(config.getValue("APP_URL", String.class)).isEqualTo("https://prod.sosops.example.org");
        assertThat(config.getConfigMapping(CanonicalVariables.class).authSecret().reveal()).isEqualTo(Samples.AUTH_SECRET);
    }

    @Test
    void anInvalidEnvironmentNameIsReportedNamingIt() throws IOException {
        SmallRyeConfig config = config(dotEnv(Samples.with(AppEnv.DEV, "APP_ENV", "production")));
        assertThatThrownBy(() -> config.getConfigMapping(CanonicalVariables.class)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("APP_ENV must be one of local, dev, staging, prod");
    }

    @Test
    void theMappingCoversEveryCanonicalVariableButTheUnusedTwilioSigningSecret() {
        List<String> mapped = Arrays.stream(CanonicalVariables.class.getDeclaredMethods())
                .map(m -> m.getAnnotation(WithName.class).value()).toList();
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(Arrays.stream(CanonicalVariable.values())
                .map(Enum::name).filter(n -> !n.equals("TWILIO_WEBHOOK_SIGNING_SECRET")).toList());
        for (Method method : CanonicalVariables.class.getDeclaredMethods()) {
            String name = method.getAnnotation(WithName.class).value();
            boolean secret = CanonicalVariable.valueOf(name).isSecret();
            assertThat(method.getGenericReturnType().getTypeName().contains(Secret.class.getName()))
                    .as(name + " is typed as Secret exactly when it is secret").isEqualTo(secret);
        }
    }

    @Test
    void theDotEnvSourceAndTheSecretKeysAreRegisteredForDiscovery() {
        assertThat(ServiceLoader.load(ConfigSourceProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(DotEnvConfigSourceProvider.class);
        assertThat(ServiceLoader.load(SmallRyeConfigBuilderCustomizer.class).stream().map(ServiceLoader.Provider::type))
                .contains(SecretKeysCustomizer.class);
    }

    @Test
    void theProviderReadsDotEnvInTheWorkingDirectoryOrTheNamedFilesLaterWinning() throws IOException {
        assertThat(sources(Map.of())).isEmpty();
        Files.writeString(dir.resolve(".env"), "APP_URL=https://dot-env.example.org\n");
        List<ConfigSource> found = sources(Map.of());
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.getOrdinal()).isEqualTo(295);
            assertThat(s.getValue("APP_URL")).isEqualTo("https://dot-env.example.org");
        });
        Files.writeString(dir.resolve("a.env"), "APP_URL=https://a.example.org\n");
        Files.writeString(dir.resolve("b.env"), "APP_URL=https://b.example.org\n");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(sources(Map.of("SOSOPS_ENV_FILE", "a.env, b.env")).toArray(ConfigSource[]::new)).build();
        assertThat(config.getValue("APP_URL", String.class)).isEqualTo("https://b.example.org");
        assertThat(sources(Map.of("SOSOPS_ENV_FILE", "a.env, b.env"))).allSatisfy(s -> assertThat(s.getOrdinal()).isLessThan(300));
        assertThatThrownBy(() -> sources(Map.of("SOSOPS_ENV_FILE", "missing.env")))
                .hasMessageContaining("missing.env");
    }

    private List<ConfigSource> sources(Map<String, String> environment) {
        List<ConfigSource> list = new ArrayList<>();
        DotEnvProviders.of(environment, dir).getConfigSources(getClass().getClassLoader()).forEach(list::add);
        return list;
    }
}
