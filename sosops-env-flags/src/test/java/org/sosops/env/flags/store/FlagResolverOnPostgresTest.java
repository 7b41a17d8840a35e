package org.sosops.env.flags.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.flags.BooleanFlag;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.ResolvedFlag;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

/** The resolver's database layer against the real PostgreSQL: cache, outage, LISTEN/NOTIFY. */
class FlagResolverOnPostgresTest {
    private ScratchDatabase db;
    private JdbcFlagStore store;

    @BeforeEach
    void createDatabase() {
        db = ScratchDatabase.create("flagresolver");
        store = JdbcFlagStore.builder()
                .connections(ConnectionFactory.of(DatabaseUrl.parse(db.databaseUrl()).orElseThrow()))
                .build();
        store.migrate();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void twoResolverInstancesSeeADatabaseChangeThroughNotify() throws Exception {
        store.put("new_inbox", FlagValue.of(false));
        try (FlagResolver a = resolver(); FlagResolver b = resolver()) {
            BooleanFlag inboxOfB = b.booleanFlag("new_inbox"); // taken before the change, kept after it
            assertThat(a.isEnabled("org_1", "new_inbox")).isFalse();
            assertThat(inboxOfB.isEnabled("org_1")).isFalse();

            // A change from any SQL client: the trigger notifies, both instances reload.
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE sosops_feature_flags SET value = 'true' WHERE flag_key = 'new_inbox'");
            }

            awaitTrue(() -> a.isEnabled("org_1", "new_inbox") && inboxOfB.isEnabled("org_1"));
            assertThat(b.resolve("org_1", "new_inbox"))
                    .contains(new ResolvedFlag("new_inbox", FlagValue.of(true), Source.DB));

            store.remove("new_inbox");
            awaitTrue(() -> !a.isEnabled("org_1", "new_inbox") && !inboxOfB.isEnabled("org_1"));
            assertThat(a.resolve("org_1", "new_inbox").orElseThrow().source()).isEqualTo(Source.DEFAULT);
        }
    }

    @Test
    void aListenerWhoseConnectionWasKilledReconnectsAndCatchesUpOnWhatItMissed() throws Exception {
        store.put("new_inbox", FlagValue.of(false));
        try (FlagResolver flags = resolver()) {
            String listening = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'LISTEN %'";
            awaitTrue(() -> count(listening) == 1);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'LISTEN %'");
                // Changed while nobody listens: the notice is lost, the reload after reconnecting is not.
                s.execute("UPDATE sosops_feature_flags SET value = 'true' WHERE flag_key = 'new_inbox'");
            }
            awaitTrue(() -> flags.isEnabled("org_1", "new_inbox"));
        }
    }

    private long count(String query) {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refreshAfterWriteReloadsWithoutANoticeAndKeepsTheLastValuesWhenTheDatabaseIsDown() throws Exception {
        MutableClock clock = new MutableClock();
        store.put("new_inbox", FlagValue.of(true));
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).flag("new_inbox", false)
                .store(store).listenForChanges(false).backgroundRefresh(false)
                .refreshAfterWrite(Duration.ofSeconds(30)).clock(clock).executor(Runnable::run).build()) {
            assertThat(flags.resolveAll("o").flags().get("new_inbox").source()).isEqualTo(Source.DB);

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE sosops_feature_flags SET value = 'false'");
            }
            assertThat(flags.resolveAll("o").flags().get("new_inbox").value()).isEqualTo(FlagValue.of(true));
            clock.advance(Duration.ofSeconds(31));
            assertThat(flags.resolveAll("o").flags().get("new_inbox").value()).isEqualTo(FlagValue.of(false));

            // Outage: the table vanishes; reloads fail and the last known database value stays.
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE sosops_feature_flags");
            }
            Instant lastLoad = flags.databaseLoadedAt().orElseThrow();
            clock.advance(Duration.ofSeconds(31));
            assertThat(flags.resolveAll("o").flags().get("new_inbox"))
                    .isEqualTo(new ResolvedFlag("new_inbox", FlagValue.of(false), Source.DB));
            assertThat(flags.isEnabled("o", "new_inbox")).isFalse();
            assertThat(flags.databaseLoadedAt()).contains(lastLoad);

            // Back again: the next due refresh picks the database up.
            store.migrate();
            store.put("new_inbox", FlagValue.of(true));
            clock.advance(Duration.ofSeconds(31));
            flags.resolveAll("o");
            assertThat(flags.isEnabled("o", "new_inbox")).isTrue();
        }
    }

    @Test
    void aResolverBuiltWhileTheDatabaseIsDownAnswersDefaultsAndCatchesUpOnRefresh() {
        MutableClock clock = new MutableClock();
        JdbcFlagStore wrongTable = JdbcFlagStore.builder()
                .connections(ConnectionFactory.of(DatabaseUrl.parse(db.databaseUrl()).orElseThrow()))
                .table("not_yet_created").build();
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).flag("x", false)
                .store(wrongTable).listenForChanges(false).backgroundRefresh(false).clock(clock)
                .executor(Runnable::run).build()) {
            assertThat(flags.resolve("o", "x").orElseThrow().source()).isEqualTo(Source.DEFAULT);
            assertThat(flags.databaseLoadedAt()).isEmpty();
            wrongTable.migrate();
            wrongTable.put("x", FlagValue.of(true));
            flags.resolveAll();
            assertThat(flags.resolve("o", "x").orElseThrow().source()).isEqualTo(Source.DB);
        }
    }

    private FlagResolver resolver() {
        return FlagResolver.builder().environment(AppEnv.STAGING).flag("new_inbox", false).store(store)
                .backgroundRefresh(false).build();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
