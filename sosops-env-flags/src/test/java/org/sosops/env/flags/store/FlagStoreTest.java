package org.sosops.env.flags.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.flags.value.FlagValue;

/** The stores and helpers that need no database. */
class FlagStoreTest {

    @Test
    void aFixedStoreServesASnapshotAndRefusesWrites() {
        Map<String, FlagValue> values = new HashMap<>(Map.of("on", FlagValue.of(true)));
        FlagStore store = FlagStore.fixed(values);
        values.put("later", FlagValue.of(true));

        assertThat(store.loadAll()).containsExactly(Map.entry("on", FlagValue.of(true)));
        assertThatThrownBy(() -> store.put("x", FlagValue.of(true)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("a fixed flag store is read-only");
        assertThatThrownBy(() -> store.remove("on"))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("a fixed flag store is read-only");
        FlagStore.Subscription none = store.subscribe(() -> {
            throw new AssertionError("a store without a change feed never calls back");
        });
        assertThat(none).isNotNull();
        none.close();
    }

    @Test
    void aDriverMessageIsCutToItsFirstLineWithItsSqlState() {
        assertThat(JdbcFlagStore.describe(new SQLException("relation missing\n  Position: 15", "42P01")))
                .isEqualTo("relation missing (SQLState 42P01)");
        assertThat(JdbcFlagStore.describe(new SQLException(" timed out "))).isEqualTo("timed out");
        assertThat(JdbcFlagStore.describe(new SQLException("\nsecond line"))).isEqualTo("");
        assertThat(JdbcFlagStore.describe(new SQLException())).isEqualTo("SQLException");
    }

    @Test
    void aStoreNamesItsTableAndTargetAndNeedsConnections() {
        JdbcFlagStore store = JdbcFlagStore.builder()
                .connections(new ConnectionFactory() {
                    @Override
                    public java.sql.Connection open() throws SQLException {
                        throw new SQLException("never opened here");
                    }

                    @Override
                    public String target() {
                        return "app database";
                    }
                })
                .table("tenant_flags").build();
        assertThat(store.table()).isEqualTo("tenant_flags");
        assertThat(store.target()).isEqualTo("app database");
        assertThatThrownBy(() -> JdbcFlagStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("JdbcFlagStore needs connections(...)");
    }
}
