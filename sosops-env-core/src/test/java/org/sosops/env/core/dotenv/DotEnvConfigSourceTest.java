package org.sosops.env.core.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.variables.Variables;

/** A host reading its configuration through SmallRye Config sees what the policy validated. */
class DotEnvConfigSourceTest {
    @TempDir
    Path dir;

    @ConfigMapping(prefix = "app")
    interface App {
        @Pattern(regexp = "local|dev|staging|prod")
        String env();

        @Pattern(regexp = "https?://.+")
        String url();

    }

    @ConfigMapping(prefix = "auth")
    interface Auth {
        @NotBlank
        String secret();
    }

    @ConfigMapping(prefix = "email")
    interface Mail {
        @Pattern(regexp = "sendgrid|postmark")
        String provider();

        @NotBlank
        String fromName();

        @Email
        @NotBlank
        String fromEmail();

        Optional<String> webhookSigningSecret();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String dotEnv(Map<String, String> vars) {
        StringBuilder text = new StringBuilder("# written by the test\n");
        vars.forEach((k, v) -> text.append("export ").append(k).append("=\"").append(v).append("\"\n"));
        return text.toString();
    }

    private static SmallRyeConfig config(DotEnvConfigSource source) {
        return new SmallRyeConfigBuilder()
                .withSources(source)
                .withValidator(new BeanValidationConfigValidatorImpl())
                .withMapping(App.class)
                .withMapping(Mail.class)
                .withMapping(Auth.class)
                .build();
    }

    @Test
    void aConfigMappingSeesTheSameValuesAsThePolicy() throws IOException {
        Map<String, String> vars = Samples.complete(AppEnv.STAGING);
        vars.put("EMAIL_FROM_NAME", "SOS Ops \\\"Staging\\\"");
        Path file = write("staging.env", dotEnv(vars));

        EnvironmentPolicy policy = EnvironmentPolicy.loader().envFile(file).processEnvironment(Map.of())
                .rules(RuleEngine.builtin()).load();
        SmallRyeConfig config = config(DotEnvConfigSource.of(file));

        App app = config.getConfigMapping(App.class);
        Mail mail = config.getConfigMapping(Mail.class);
        assertThat(app.env()).isEqualTo(policy.environment().id());
        assertThat(app.url()).isEqualTo(policy.value("APP_URL").orElseThrow());
        assertThat(config.getConfigMapping(Auth.class).secret()).isEqualTo(policy.secret("AUTH_SECRET").orElseThrow().reveal());
        assertThat(mail.provider()).isEqualTo(policy.value("EMAIL_PROVIDER").orElseThrow());
        assertThat(mail.fromName()).isEqualTo("SOS Ops \"Staging\"").isEqualTo(policy.value("EMAIL_FROM_NAME").orElseThrow());
        assertThat(mail.fromEmail()).isEqualTo(policy.value("EMAIL_FROM_EMAIL").orElseThrow());
        assertThat(mail.webhookSigningSecret()).contains(Samples.SENDGRID_VERIFICATION_KEY);
        assertThat(config.getValue("TWILIO_AUTH_TOKEN", String.class)).isEqualTo(Samples.TWILIO_AUTH_TOKEN);
        assertThat(config.getValue("twilio.auth-token", String.class)).isEqualTo(Samples.TWILIO_AUTH_TOKEN);
    }

    @Test
    void beanValidationRefusesTheSameBadValuesThePolicyRefuses() throws IOException {
        Map<String, String> vars = Samples.complete(AppEnv.DEV);
        vars.put("EMAIL_FROM_EMAIL", "not-an-address");
        vars.put("EMAIL_PROVIDER", "mailgun");
        Path file = write("dev.env", dotEnv(vars));
        assertThat(EnvironmentPolicy.loader().envFile(file).processEnvironment(Map.of()).rules(RuleEngine.builtin())
                .validate().blocking()).extracting(f -> f.variable().orElseThrow())
                .containsExactly("EMAIL_PROVIDER", "EMAIL_FROM_EMAIL");
        // SmallRye validates a mapping when the host first asks for it.
        SmallRyeConfig config = config(DotEnvConfigSource.of(file));
        assertThatThrownBy(() -> config.getConfigMapping(Mail.class)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("email.provider").hasMessageContaining("email.from-email");
    }

    @Test
    void realEnvironmentVariablesWinOverTheFileAsWithSmallRyesOwnDotEnvSource() {
        DotEnvConfigSource file = DotEnvConfigSource.of(writeUnchecked("a.env", "APP_URL=https://x.example.org\nLOG_LEVEL=info\n"));
        assertThat(file.getOrdinal()).isEqualTo(DotEnvConfigSource.DEFAULT_ORDINAL).isEqualTo(295);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(file,
                new io.smallrye.config.EnvConfigSource(Map.of("APP_URL", "https://from-the-process.example.org"), 300)).build();
        assertThat(config.getValue("APP_URL", String.class)).isEqualTo("https://from-the-process.example.org");
        assertThat(config.getValue("LOG_LEVEL", String.class)).isEqualTo("info");
    }

    @Test
    void canBeBuiltFromValidatedVariables() {
        Variables vars = Variables.of(Map.of("APP_URL", "https://y.example.org"));
        DotEnvConfigSource source = DotEnvConfigSource.fromEntries(vars.asMap().values().stream().toList(), 250);
        assertThat(source.getValue("app.url")).isEqualTo("https://y.example.org");
        assertThat(source.getOrdinal()).isEqualTo(250);
        assertThat(source.getName()).isEqualTo("EnvConfigSource[SOS Ops .env variables]");
    }

    @Test
    void aMalformedFileFailsBeforeAnyConfigurationIsBuilt() {
        Path file = writeUnchecked("bad.env", "APP_URL https://x\n");
        assertThatThrownBy(() -> DotEnvConfigSource.of(file)).isInstanceOf(DotEnvException.class)
                .hasMessage(file + ":1: expected NAME=value");
    }

    private Path writeUnchecked(String name, String text) {
        try {
            return write(name, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
