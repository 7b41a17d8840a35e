package org.sosops.env.webhooks.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.StoreException;

/** Seen ids: first sight wins, a repeat is a duplicate within the retention only, in memory and in SQL. */
class SeenIdStoreTest {
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

    /** The same contract, whatever the store. */
    private static void behavesAsASeenIdStore(SeenIdStore store) {
        assertThat(store.markSeen("twilio", "SM1:sent", T0)).as("first sight").isTrue();
        assertThat(store.markSeen("twilio", "SM1:sent", T0.plusSeconds(60))).as("a repeat").isFalse();
        assertThat(store.markSeen("sendgrid", "SM1:sent", T0)).as("another scope").isTrue();
        assertThat(store.markSeen("twilio", "SM1:sent", T0.plus(RETENTION))).as("at the end of the retention").isFalse();
        assertThat(store.markSeen("twilio", "SM1:sent", T0.plus(RETENTION).plusMillis(1)))
                .as("after the retention: new again").isTrue();
        assertThat(store.markSeen("twilio", "SM1:sent", T0.plus(RETENTION).plusSeconds(1)))
                .as("and remembered from that new sight").isFalse();

        store.forget("twilio", "SM1:sent");
        assertThat(store.markSeen("twilio", "SM1:sent", T0.plus(RETENTION).plusSeconds(2))).as("forgotten").isTrue();
        assertThat(store.markSeen("sendgrid", "SM1:sent", T0.plusSeconds(2))).as("other scope not forgotten").isFalse();

        String longToken = "t".repeat(400);
        assertThat(store.markSeen("twilio", longToken, T0)).isTrue();
        assertThat(store.markSeen("twilio", longToken, T0.plusSeconds(1))).isFalse();
        assertThat(store.markSeen("twilio", "t".repeat(399), T0.plusSeconds(1))).isTrue();
        store.forget("twilio", longToken);
        assertThat(store.markSeen("twilio", longToken, T0.plusSeconds(2))).isTrue();
    }

    @Test
    void inMemory() {
        behavesAsASeenIdStore(SeenIdStore.inMemory(RETENTION));
    }

    @Test
    void onPostgresql() {
        try (ScratchDatabase db = ScratchDatabase.create("seenids"); Database database = Database.fromUrl(db.databaseUrl())) {
            behavesAsASeenIdStore(JdbcSeenIdStore.create(database, RETENTION));
        }
    }

    @Test
    void twoInstancesOnOneDatabaseShareWhatTheySaw() {
        try (ScratchDatabase db = ScratchDatabase.create("seenshared"); Database database = Database.fromUrl(db.databaseUrl())) {
            SeenIdStore first = JdbcSeenIdStore.create(database, RETENTION);
            SeenIdStore second = JdbcSeenIdStore.create(database, RETENTION);

            assertThat(first.markSeen("twilio", "SM1", T0)).isTrue();
            assertThat(second.markSeen("twilio", "SM1", T0.plusSeconds(1))).isFalse();
        }
    }

    @Test
    void rowsOlderThanTheRetentionArePurgedEveryThousandInserts() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("seenpurge"); Database database = Database.fromUrl(db.databaseUrl())) {
            SeenIdStore store = JdbcSeenIdStore.create(database, RETENTION);
            for (int i = 0; i < 10; i++) {
                store.markSeen("twilio", "old-" + i, T0);
            }
            Instant later = T0.plus(RETENTION).plusSeconds(1);
            for (int i = 10; i < 999; i++) {
                store.markSeen("twilio", "new-" + i, later);
            }
            assertThat(rows(db)).isEqualTo(999);

            store.markSeen("twilio", "new-999", later);   // the thousandth insert purges first

            assertThat(rows(db)).isEqualTo(990);
        }
    }

    @Test
    void aDatabaseErrorIsAStoreErrorNeverANewId() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("seenbroken"); Database database = Database.fromUrl(db.databaseUrl())) {
            SeenIdStore store = JdbcSeenIdStore.create(database, RETENTION);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + JdbcSeenIdStore.TABLE);
            }

            assertThatThrownBy(() -> store.markSeen("twilio", "SM1", T0))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.unreachable()).isFalse())
                    .hasMessageContaining("the seen-id check in");
        }
    }

    @Test
    void anUnreachableDatabaseIsAStartUpError() {
        Database down = Database.of(switchable(null, new AtomicBoolean(true)), Database.Dialect.POSTGRESQL);

        assertThatThrownBy(() -> JdbcSeenIdStore.create(down, RETENTION))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(JdbcSeenIdStore.TABLE);
    }

    @Test
    void aLostConnectionIsAnUnreachableStoreAndForgettingThenIsOnlyLogged() {
        try (ScratchDatabase db = ScratchDatabase.create("seenlost"); Database database = Database.fromUrl(db.databaseUrl())) {
            AtomicBoolean down = new AtomicBoolean();
            SeenIdStore store = JdbcSeenIdStore.create(
                    Database.of(switchable(database.dataSource(), down), Database.Dialect.POSTGRESQL), RETENTION);
            assertThat(store.markSeen("twilio", "SM1", T0)).isTrue();

            down.set(true);

            assertThatThrownBy(() -> store.markSeen("twilio", "SM2", T0))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.unreachable()).isTrue());
            store.forget("twilio", "SM1");
            down.set(false);
            assertThat(store.markSeen("twilio", "SM1", T0.plusSeconds(1))).as("still remembered").isFalse();
        }
    }

    /** The real data source while {@code down} is false; then every connection fails with SQLState 08001. */
    static DataSource switchable(DataSource real, AtomicBoolean down) {
        return (DataSource) Proxy.newProxyInstance(SeenIdStoreTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused", "08001");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void storedIdsKeepShortPrintableAsciiAndDigestTheRest() {
        assertThat(StoredIds.fit("SM1:delivered")).isEqualTo("SM1:delivered");
        assertThat(StoredIds.fit(" ~")).isEqualTo(" ~");
        assertThat(StoredIds.fit("x".repeat(StoredIds.MAX_LENGTH))).isEqualTo("x".repeat(StoredIds.MAX_LENGTH));
        for (String other : new String[] {"x".repeat(StoredIds.MAX_LENGTH + 1), "a\u001fb", "a\u007fb", "caf\u00e9",
                "sha256:abc"}) {
            assertThat(StoredIds.fit(other)).as(other).matches("sha256:[0-9a-f]{64}");
        }
        assertThat(StoredIds.fit("sha256:abc")).isNotEqualTo(StoredIds.fit("sha256:abd"));
    }

    private static long rows(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + JdbcSeenIdStore.TABLE)) {
            r.next();
            return r.getLong(1);
        }
    }
}
