package org.sosops.env.core.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value must have the format the catalog declares for the named variable: the same check the
 * policy runs ({@code value-invalid}, {@code secret-weak}), so Bean Validation and {@code sosops-env
 * check} cannot disagree. Applies to {@code String}, {@code Secret} and {@code Optional} of either;
 * an empty {@code Optional} is valid. Messages name the problem, never the value.
 *
 * <pre>{@code
 * @WithName("TWILIO_AUTH_TOKEN") @VariableFormat("TWILIO_AUTH_TOKEN") Optional<Secret> twilioAuthToken();
 * }</pre>
 */
@Documented
@Constraint(validatedBy = VariableFormatValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface VariableFormat {
    /** The catalog variable whose format applies. */
    String value();

    String message() default "breaks the variable's format";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
