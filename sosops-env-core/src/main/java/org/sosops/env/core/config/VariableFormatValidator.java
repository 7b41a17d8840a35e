package org.sosops.env.core.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.FormatProblem;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Variables;

/** Runs the catalog's format check of one variable for {@link VariableFormat}. */
public final class VariableFormatValidator implements ConstraintValidator<VariableFormat, Object> {
    private CatalogVariable variable;

    @Override
    public void initialize(VariableFormat annotation) {
        variable = Catalog.defaults().variable(annotation.value()).orElseThrow(() -> new IllegalArgumentException(
                "@VariableFormat names '" + annotation.value() + "', which the catalog does not declare"));
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (unwrapped == null) {
            return true;
        }
        String text = unwrapped instanceof Secret secret ? secret.reveal() : unwrapped.toString();
        // Environment-specific parts (https in staging and prod, what is required where) are the
        // policy's; here the format holds in any environment.
        Optional<FormatProblem> problem = variable.check().check(text, Optional.empty(), Variables.empty());
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // SmallRye names the property by the method (app-url); the message names the variable itself.
        context.buildConstraintViolationWithTemplate(escape(variable.name() + " " + problem.get().message()))
                .addConstraintViolation();
        return false;
    }

    // The message is ours (no value in it), but a template would still interpret braces and EL.
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
