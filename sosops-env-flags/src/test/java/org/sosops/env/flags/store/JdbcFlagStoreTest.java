package org.sosops.env.flags.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.flags.value.FlagValue;

class JdbcFlagStoreTest {
    private ScratchDatabase db;

    @BeforeEach
    void createDatabase() {
        db = ScratchDatabase.create("flagstore");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private JdbcFlagStore store(String table) {
        return JdbcFlagStore.builder()
                .connections(ConnectionFactory.of(DatabaseUrl.parse(db.databaseUrl()).orElseThrow()))
                .table(table)
                .build();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void storesAndLoadsEveryTypeOfValue() {
        JdbcFlagStore store = store("sosops_feature_flags");
        store.migrate();
        store.migrate(); // idempotent
        store.put("on", FlagValue.of(true));
        store.put("banner", FlagValue.of("hello"));
        store.put("limit", FlagValue.of(250));
        store.put("on", FlagValue.of(false));
        assertThat(store.loadAll()).containsExactly(
                java.util.Map.entry("banner", FlagValue.of("hello")),
                java.util.Map.entry("limit", FlagValue.of(250)),
                java.util.Map.entry("on", FlagValue.of(false)));
        store.remove("limit");
        assertThat(store.loadAll()).containsOnlyKeys("banner", "on");
    }

    @Test
    void aConfiguredTableNameIsUsedForTableTriggerAndChannel() throws Exception {
        JdbcFlagStore store = store("tenant_flags");
        store.migrate();
        store.put("x", FlagValue.of(true));
        sql("SELECT flag_key FROM tenant_flags");
        sql("SELECT 1 FROM pg_trigger WHERE tgname = 'tenant_flags_changed'");
        assertThat(store.loadAll()).containsKey("x");
    }

    @Test
    void tableNamesThatCouldInjectSqlAreRefused() {
        for (String bad : new String[] {"flags; DROP TABLE users", "Flags", "public.flags", "\"flags\"", "", "1flags",
                "a".repeat(49)}) {
            assertThatThrownBy(() -> store(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[a-z_][a-z0-9_]{0,47}");
        }
    }

    @Test
    void rowsThatAreNotUsableValuesAreSkippedNotServed() throws Exception {
        JdbcFlagStore store = store("sosops_feature_flags");
        store.migrate();
        sql("INSERT INTO sosops_feature_flags (flag_key, value) VALUES ('nothing', 'null'::jsonb), ('ok', 'true'::jsonb)");
        assertThat(store.loadAll()).containsOnlyKeys("ok");
    }

    @Test
    void aMissingTableIsAnErrorNamingTableAndTargetWithoutPassword() {
        JdbcFlagStore store = JdbcFlagStore.builder()
                .connections(ConnectionFactory.of(DatabaseUrl.parse(
                        db.databaseUrl().replace("postgres@", "postgres:s3cr3t-pw@")).orElseThrow()))
                .build();
        assertThatThrownBy(store::loadAll).isInstanceOf(FlagStoreException.class)
                .hasMessageContaining("cannot read flag table sosops_feature_flags in postgres@127.0.0.1:5432/" + db.name())
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void anUnreachableDatabaseIsAnErrorNamingTheTargetWithoutPassword() {
        JdbcFlagStore store = JdbcFlagStore.builder()
                .connections(ConnectionFactory.of(DatabaseUrl.parse("postgresql://app:s3cr3t-pw@127.0.0.1:1/sos_ops_dev")
                        .orElseThrow()))
                .build();
        assertThatThrownBy(store::loadAll).isInstanceOf(FlagStoreException.class)
                .hasMessageContaining("app@127.0.0.1:1/sos_ops_dev")
                .hasMessageNotContaining("s3cr3t-pw");
    }
}
