package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.jdbc.Database;

/** The SQL store's queries and errors, and what the spooling store passes through or keeps. */
class StoreBehaviourTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private static FailureRecord record(String id, Instant at) {
        return new FailureRecord(id, "req-" + id, "/x", "twilio", "signature-mismatch: x", at,
                Map.of("Content-Type", List.of("text/plain")), "b".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), Optional.empty());
    }

    @Test
    void theSqlStoreListsNewestFirstUpToTheLimitAndDeletesStrictlyBeforeTheCutoff() {
        try (ScratchDatabase db = ScratchDatabase.create("failuresorder"); Database database = Database.fromUrl(db.databaseUrl())) {
            JdbcFailureStore store = JdbcFailureStore.open(database);
            store.record(record("a", T0));
            store.record(record("b", T0.plusSeconds(1)));
            store.record(record("c", T0.plusSeconds(2)));

            assertThat(store.list(2)).extracting(FailureRecord::id).containsExactly("c", "b");
            assertThat(store.find("nope")).isEmpty();
            assertThat(store.markReplayed("nope", T0)).isFalse();
            assertThat(store.markReplayed("a", T0.plusSeconds(9))).isTrue();
            assertThat(store.find("a").orElseThrow().replayedAt()).contains(T0.plusSeconds(9));
            assertThat(store.deleteReceivedBefore(T0.plusSeconds(1))).isEqualTo(1);
            assertThat(store.list(10)).extracting(FailureRecord::id).containsExactly("c", "b");
            assertThat(store).hasToString("JdbcFailureStore[" + database + "]");
        }
    }

    @Test
    void aRowWhoseHeadersAreNotJsonIsReadWithoutThem() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("failuresjson"); Database database = Database.fromUrl(db.databaseUrl())) {
            JdbcFailureStore store = JdbcFailureStore.open(database);
            store.record(record("a", T0));
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE " + JdbcFailureStore.TABLE + " SET headers = 'not json', signing_headers = '[1]'");
            }

            FailureRecord read = store.find("a").orElseThrow();

            assertThat(read.headers()).isEmpty();
            assertThat(read.signingHeaders()).isEmpty();
        }
    }

    @Test
    void aBrokenTableIsAFailureStoreErrorNamingTheStepAndTheState() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("failuresbroken"); Database database = Database.fromUrl(db.databaseUrl())) {
            JdbcFailureStore store = JdbcFailureStore.open(database);
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + JdbcFailureStore.TABLE);
            }

            assertThatThrownBy(() -> store.record(record("a", T0))).isInstanceOf(FailureStoreException.class)
                    .hasMessageStartingWith("cannot store a webhook failure in " + database + " (SQL state ");
            assertThatThrownBy(() -> store.list(1)).hasMessageStartingWith("cannot list webhook failures from");
            assertThatThrownBy(() -> store.find("a")).hasMessageStartingWith("cannot read a webhook failure from");
            assertThatThrownBy(() -> store.markReplayed("a", T0)).hasMessageStartingWith("cannot mark a webhook failure replayed in");
            assertThatThrownBy(() -> store.deleteReceivedBefore(T0)).hasMessageStartingWith("cannot delete old webhook failures from");
        }
    }

    @Test
    void eachDialectHasItsOwnShippedSchema() {
        assertThat(JdbcFailureStore.schema(Database.Dialect.POSTGRESQL)).contains("BYTEA");
        assertThat(JdbcFailureStore.schema(Database.Dialect.H2)).doesNotContain("BYTEA").contains(JdbcFailureStore.TABLE);
    }

    @Test
    void theSpoolPassesReadsAndRetentionToTheStoreAndFlushesBeforeListing() throws Exception {
        SwitchableStore delegate = new SwitchableStore();
        SpoolingFailureStore spooling = new SpoolingFailureStore(delegate, dir.resolve("spool.jsonl"));
        delegate.down = true;
        spooling.record(record("a", T0));
        assertThat(spooling.pending()).isEqualTo(1);
        delegate.down = false;

        assertThat(spooling.list(10)).extracting(FailureRecord::id).containsExactly("a");
        assertThat(spooling.pending()).isZero();
        delegate.down = true;
        spooling.record(record("b", T0));
        delegate.down = false;
        assertThat(spooling.find("b")).isPresent();
        assertThat(spooling.markReplayed("b", T0)).isTrue();
        assertThat(delegate.replayed).containsExactly("b");
        assertThat(spooling.deleteReceivedBefore(T0)).isEqualTo(42);
        assertThat(spooling.toString()).startsWith("SpoolingFailureStore[").contains("spool.jsonl");
    }

    @Test
    void aWriteThatReachesTheStoreAlsoMovesWhatWasSpooled() {
        SwitchableStore delegate = new SwitchableStore();
        SpoolingFailureStore spooling = new SpoolingFailureStore(delegate, dir.resolve("spool.jsonl"));
        delegate.down = true;
        spooling.record(record("a", T0));
        delegate.down = false;

        spooling.record(record("b", T0));

        assertThat(delegate.records).extracting(FailureRecord::id).containsExactly("b", "a");
        assertThat(Files.exists(dir.resolve("spool.jsonl"))).isFalse();
        assertThat(spooling.flush()).isZero();
    }

    @Test
    void aSpooledRecordKeepsEverythingReplayNeeds() throws Exception {
        SwitchableStore delegate = new SwitchableStore();
        SpoolingFailureStore spooling = new SpoolingFailureStore(delegate, dir.resolve("spool.jsonl"));
        FailureRecord full = new FailureRecord("id-1", "req-1", "/hook", "standard", "processing-failed: x", T0,
                Map.of("user-agent", List.of("caf\u00e9")), Map.of("webhook-id", List.of("msg_1")), Optional.of("q=1"),
                "body".getBytes(StandardCharsets.UTF_8), false, false, Optional.of("192.0.2.1"), Optional.empty());
        delegate.down = true;
        spooling.record(full);
        assertThat(Files.readString(dir.resolve("spool.jsonl"))).doesNotContain("caf\u00e9").contains("caf\\u00E9");
        delegate.down = false;

        assertThat(spooling.flush()).isEqualTo(1);

        FailureRecord moved = delegate.records.get(0);
        assertThat(moved.requestId()).isEqualTo("req-1");
        assertThat(moved.endpoint()).isEqualTo("/hook");
        assertThat(moved.provider()).isEqualTo("standard");
        assertThat(moved.reason()).isEqualTo("processing-failed: x");
        assertThat(moved.receivedAt()).isEqualTo(T0);
        assertThat(moved.headers()).isEqualTo(Map.of("user-agent", List.of("caf\u00e9")));
        assertThat(moved.signingHeaders()).isEqualTo(Map.of("webhook-id", List.of("msg_1")));
        assertThat(moved.rawQuery()).contains("q=1");
        assertThat(new String(moved.body(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(moved.truncated()).isFalse();
        assertThat(moved.refused()).isFalse();
        assertThat(moved.sourceAddress()).contains("192.0.2.1");
    }

    @Test
    void theFlushTimerNeedsAPositivePeriodAndStopsOnClose() throws Exception {
        SwitchableStore delegate = new SwitchableStore();
        try (SpoolingFailureStore spooling = new SpoolingFailureStore(delegate, dir.resolve("spool.jsonl"))) {
            assertThatThrownBy(() -> spooling.flushEvery(Duration.ZERO)).hasMessage("the spool flush period must be positive");
            assertThatThrownBy(() -> spooling.flushEvery(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
            delegate.down = true;
            spooling.record(record("a", T0));
            delegate.down = false;
            spooling.flushEvery(Duration.ofMillis(20)).flushEvery(Duration.ofMillis(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (delegate.records.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(delegate.records).extracting(FailureRecord::id).containsExactly("a");
        }
    }

    @Test
    void recordsLeftInTheSpoolAreMovedWhenTheStoreOpensAndBadLinesAreSetAside() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        SwitchableStore first = new SwitchableStore();
        SpoolingFailureStore writer = new SpoolingFailureStore(first, spool);
        first.down = true;
        writer.record(record("a", T0));
        Files.writeString(spool, "{\"not\": \"a record\"}\n", java.nio.file.StandardOpenOption.APPEND);

        SwitchableStore second = new SwitchableStore();
        SpoolingFailureStore reopened = new SpoolingFailureStore(second, spool);

        assertThat(second.records).extracting(FailureRecord::id).containsExactly("a");
        assertThat(reopened.skippedLines()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("spool.jsonl.bad"))).isEqualTo("{\"not\": \"a record\"}\n");
    }

    /** An in-memory store that can be switched off, as a database that stops answering. */
    private static final class SwitchableStore implements FailureStore {
        final List<FailureRecord> records = new ArrayList<>();
        final List<String> replayed = new ArrayList<>();
        volatile boolean down;

        @Override
        public synchronized void record(FailureRecord failure) {
            if (down) {
                throw new FailureStoreException("down", null);
            }
            records.add(failure);
        }

        @Override
        public List<FailureRecord> list(int limit) {
            return List.copyOf(records);
        }

        @Override
        public Optional<FailureRecord> find(String id) {
            return records.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public boolean markReplayed(String id, Instant at) {
            replayed.add(id);
            return true;
        }

        @Override
        public int deleteReceivedBefore(Instant cutoff) {
            return 42;
        }
    }
}
