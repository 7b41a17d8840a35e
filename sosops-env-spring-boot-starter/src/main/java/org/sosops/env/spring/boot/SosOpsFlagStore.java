package org.sosops.env.spring.boot;

import java.util.Optional;
import org.sosops.env.flags.store.FlagStore;

/**
 * The flag resolver's database layer as the starter set it up, or none; a bean of its own so the
 * host can replace it and the health contributor can tell "no store" from "store unreachable".
 *
 * <pre>{@code
 * @Bean
 * SosOpsFlagStore sosOpsFlagStore(DataSource flagsDb) {
 *     return SosOpsFlagStore.of(JdbcFlagStore.builder().connections(ConnectionFactory.of(flagsDb, "flags")).build());
 * }
 * }</pre>
 *
 * @param store the store, when there is one
 */
public record SosOpsFlagStore(Optional<FlagStore> store) {
    public static SosOpsFlagStore of(FlagStore store) {
        return new SosOpsFlagStore(Optional.of(store));
    }

    public static SosOpsFlagStore none() {
        return new SosOpsFlagStore(Optional.empty());
    }
}
