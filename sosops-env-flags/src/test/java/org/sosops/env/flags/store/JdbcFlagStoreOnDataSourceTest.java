package org.sosops.env.flags.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.jdbc.PooledDataSource;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.flags.value.FlagValue;

/** The flag store on the host's pool: reads, writes and LISTEN borrow from it; nothing closes it. */
class JdbcFlagStoreOnDataSourceTest {

    @Test
    void theStoreWorksOnTheHostsPoolListensThroughOneOfItsConnectionsAndLeavesItOpen() throws Exception {
        String component = "host-" + UUID.randomUUID().toString().substring(0, 8);
        try (ScratchDatabase db = ScratchDatabase.create("flagsds");
             PooledDataSource host = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl())
                     .component(component).maximumPoolSize(3).build()) {
            JdbcFlagStore store = JdbcFlagStore.on(host);
            store.migrate();
            store.put("new_inbox", FlagValue.of(true));
            assertThat(store.loadAll()).containsEntry("new_inbox", FlagValue.of(true));

            Semaphore changes = new Semaphore(0);
            try (FlagStore.Subscription subscription = store.subscribe(changes::release)) {
                assertThat(changes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();   // the reload once LISTEN is in place
                try (Connection other = db.connect(); Statement s = other.createStatement()) {
                    s.execute("UPDATE sosops_feature_flags SET value = 'false'::jsonb WHERE flag_key = 'new_inbox'");
                }
                assertThat(changes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
                // The listener holds one of the host's connections; the rest still serve reads.
                assertThat(store.loadAll()).containsEntry("new_inbox", FlagValue.of(false));
                assertThat(sessions(db, "sosops-env-" + component)).isLessThanOrEqualTo(3);
            }
            store.close();
            assertThat(host.isClosed()).isFalse();
            assertThat(store.loadAll()).containsKey("new_inbox");
        }
    }

    @Test
    void aFactoryBuiltFromAUrlIsABoundedPoolThatCloseReleases() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("flagspool")) {
            ConnectionFactory factory = ConnectionFactory.of(DatabaseUrl.parse(db.databaseUrl()).orElseThrow(), 2);
            JdbcFlagStore store = JdbcFlagStore.builder().connections(factory).build();
            store.migrate();
            try (Connection a = factory.open(); Connection b = factory.open()) {
                assertThat(sessions(db, "sosops-env-flags")).isEqualTo(2);
            }
            store.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sessions(db, "sosops-env-flags") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sessions(db, "sosops-env-flags")).isZero();
        }
    }

    private static int sessions(ScratchDatabase db, String applicationName) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            count.setString(1, db.name());
            count.setString(2, applicationName);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
