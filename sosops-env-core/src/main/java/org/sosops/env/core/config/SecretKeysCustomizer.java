package org.sosops.env.core.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;

/**
 * Marks every secret of the catalog (canonical and contributed) as a SmallRye secret key, so
 * {@code config.getValue("TWILIO_AUTH_TOKEN", String.class)} and property listings refuse to hand
 * it out; read secrets through the {@link CanonicalVariables} mapping, as {@code Secret}. Listed in
 * {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer} for
 * {@code addDiscoveredCustomizers()}.
 *
 * <pre>{@code
 * new SmallRyeConfigBuilder().addDiscoveredCustomizers()...    // or .withCustomizers(new SecretKeysCustomizer())
 * }</pre>
 */
public final class SecretKeysCustomizer implements SmallRyeConfigBuilderCustomizer {
    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withSecretKeys(Catalog.defaults().variables().stream().filter(CatalogVariable::secret)
                .map(CatalogVariable::name).toArray(String[]::new));
    }
}
