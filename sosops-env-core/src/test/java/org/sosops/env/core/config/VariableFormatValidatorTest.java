package org.sosops.env.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;

/** {@link VariableFormat} on plain fields, through Hibernate Validator rather than SmallRye. */
class VariableFormatValidatorTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    static final class Settings {
        @VariableFormat("APP_URL")
        Object appUrl;

        @VariableFormat("AUTH_SECRET")
        Object authSecret;

        Settings(Object appUrl, Object authSecret) {
            this.appUrl = appUrl;
            this.authSecret = authSecret;
        }
    }

    static final class Misnamed {
        @VariableFormat("NO_SUCH_VARIABLE")
        Object value = "x";
    }

    private static Set<String> messages(Settings settings) {
        return validator.validate(settings).stream().map(ConstraintViolation::getMessage)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void validValuesOfEveryShapePass() {
        assertThat(messages(new Settings("https://app.example.org", Secret.of("pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7a"))))
                .isEmpty();
        assertThat(messages(new Settings(Optional.of("https://app.example.org"), Optional.empty()))).isEmpty();
        assertThat(messages(new Settings(null, null))).isEmpty();
    }

    @Test
    void eachBrokenValueIsOneViolationNamingTheVariableAndNotTheValue() {
        assertThat(messages(new Settings("ftp://app.example.org", Secret.of("changeme")))).containsExactlyInAnyOrder(
                "APP_URL must use http or https", "AUTH_SECRET is a placeholder, not a real secret");
        assertThat(messages(new Settings(Optional.of("http://"), Optional.of(Secret.of("short-Zr8v")))))
                .containsExactlyInAnyOrder("APP_URL must be an absolute http(s) URL with a host",
                        "AUTH_SECRET is 10 characters long; at least 32 are required");
    }

    @Test
    void aNameTheCatalogDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> validator.validate(new Misnamed())).isInstanceOf(ValidationException.class)
                .rootCause().hasMessage("@VariableFormat names 'NO_SUCH_VARIABLE', which the catalog does not declare");
    }
}
