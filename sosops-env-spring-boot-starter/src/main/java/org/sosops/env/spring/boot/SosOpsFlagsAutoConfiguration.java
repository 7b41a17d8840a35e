package org.sosops.env.spring.boot;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.flags.FlagDefinition;
import org.sosops.env.flags.FlagObserver;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.entitlements.EntitlementResolver;
import org.sosops.env.flags.entitlements.EntitlementSource;
import org.sosops.env.flags.store.JdbcFlagStore;
import org.sosops.env.flags.value.Entitlements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Flags and entitlements: a {@link FlagResolver} on the policy's overrides, the flags declared in
 * {@code sosops.flags.defaults} and by {@link FlagResolverCustomizer} beans, with the database
 * layer on the application's {@code DataSource} (PostgreSQL); and an {@link EntitlementResolver}
 * on the same overrides, with the host's {@link EntitlementSource} and {@link Entitlements} beans
 * when it has them.
 */
@AutoConfiguration(after = SosOpsPolicyAutoConfiguration.class,
        afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(FlagResolver.class)
@ConditionalOnProperty(prefix = "sosops.flags", name = "enabled", matchIfMissing = true)
public class SosOpsFlagsAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SosOpsFlagsAutoConfiguration.class);

    /** The flag table on the application's {@code DataSource}, per {@code sosops.flags.store}. */
    @Bean
    @ConditionalOnMissingBean
    public SosOpsFlagStore sosOpsFlagStore(ObjectProvider<DataSource> dataSources, SosOpsProperties properties) {
        SosOpsProperties.Flags flags = properties.flags();
        DataSource dataSource = dataSources.getIfUnique();
        if (flags.store() == SosOpsProperties.StoreMode.NONE) {
            return SosOpsFlagStore.none();
        }
        if (dataSource == null) {
            if (flags.store() == SosOpsProperties.StoreMode.JDBC) {
                throw new IllegalStateException("sosops.flags.store=jdbc needs one DataSource in the application");
            }
            return SosOpsFlagStore.none();
        }
        String product = productName(dataSource);
        if (!product.toLowerCase(Locale.ROOT).contains("postgresql")) {
            if (flags.store() == SosOpsProperties.StoreMode.JDBC) {
                throw new IllegalStateException("sosops.flags.store=jdbc needs PostgreSQL; the DataSource is " + product);
            }
            LOG.info("flag store off: the application's DataSource is {}, the flag table needs PostgreSQL", product);
            return SosOpsFlagStore.none();
        }
        JdbcFlagStore store = JdbcFlagStore.builder().dataSource(dataSource).table(flags.table()).build();
        if (flags.initializeSchema()) {
            store.migrate();
        }
        return SosOpsFlagStore.of(store);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public FlagResolver sosOpsFlagResolver(EnvironmentPolicy policy, SosOpsProperties properties, SosOpsFlagStore store,
                                           ObjectProvider<FlagResolverCustomizer> customizers,
                                           ObjectProvider<FlagObserver> observers) {
        SosOpsProperties.Flags flags = properties.flags();
        FlagResolver.Builder builder = FlagResolver.builder()
                .environment(policy.environment())
                .refreshAfterWrite(flags.refreshAfterWrite());
        flags.defaults().forEach((key, value) -> builder.flag(definition(key, value)));
        if (flags.inferUndeclared()) {
            builder.inferUndeclaredFlags();
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        store.store().ifPresent(builder::store);
        List<FlagObserver> all = observers.orderedStream().toList();
        if (all.size() == 1) {
            builder.observer(all.get(0));
        } else if (!all.isEmpty()) {
            builder.observer(new FlagObservers(all));
        }
        builder.overrides(policy.variables());
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public EntitlementResolver sosOpsEntitlementResolver(EnvironmentPolicy policy,
                                                         ObjectProvider<EntitlementSource> sources,
                                                         ObjectProvider<Entitlements> defaults) {
        EntitlementResolver.Builder builder = EntitlementResolver.builder()
                .environment(policy.environment())
                .overrides(policy.variables());
        sources.ifUnique(builder::database);
        defaults.ifUnique(builder::defaults);
        return builder.build();
    }

    /** {@code true}/{@code false} → boolean, a number → number, anything else → text. */
    static FlagDefinition definition(String key, String value) {
        String trimmed = value.strip();
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return FlagDefinition.of(key, Boolean.parseBoolean(trimmed));
        }
        try {
            return FlagDefinition.of(key, new BigDecimal(trimmed));
        } catch (NumberFormatException notANumber) {
            return FlagDefinition.of(key, value);
        }
    }

    private static String productName(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("the application's DataSource cannot be reached to set up the flag store ("
                    + e.getSQLState() + ")", null);
        }
    }

    /** Several observers, each told in turn. */
    private record FlagObservers(List<FlagObserver> all) implements FlagObserver {
        @Override
        public void resolved(org.sosops.env.flags.value.Source source) {
            for (FlagObserver observer : all) {
                observer.resolved(source);
            }
        }

        @Override
        public void unknownFlag() {
            for (FlagObserver observer : all) {
                observer.unknownFlag();
            }
        }
    }

}
