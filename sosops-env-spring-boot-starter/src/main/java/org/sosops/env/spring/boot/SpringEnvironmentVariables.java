package org.sosops.env.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The variables the policy sees, asked of Spring's {@link Environment} by their exact names: every
 * variable of the catalog (the canonical ones and those the host declares through a
 * {@code VariableContribution}), and every {@code SOSOPS_*} setting any property source lists. Spring answers
 * from environment variables, system properties, {@code application.properties}/{@code yaml} and
 * profile-specific files alike, with its own precedence. Nothing else is copied, so unrelated
 * secrets in the process environment never reach the report.
 */
final class SpringEnvironmentVariables {
    static final String SETTING_PREFIX = "SOSOPS_";

    private SpringEnvironmentVariables() {
    }

    /**
     * @throws IllegalStateException naming the variable (never its value) when Spring cannot resolve a placeholder in it
     */
    static Map<String, String> collect(Environment environment) {
        TreeSet<String> names = new TreeSet<>();
        for (CatalogVariable variable : Catalog.defaults().variables()) {
            names.add(variable.name());
        }
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith(SETTING_PREFIX)) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value;
            try {
                value = environment.getProperty(name);
            } catch (IllegalArgumentException e) {
                // Spring's message quotes the value; it may be a secret.
                throw new IllegalStateException(name + " has a placeholder Spring cannot resolve", null);
            }
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
