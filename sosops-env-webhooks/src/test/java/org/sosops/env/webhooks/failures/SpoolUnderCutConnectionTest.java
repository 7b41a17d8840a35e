package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.testsupport.CuttableProxy;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.jdbc.Database;

/**
 * Failures arriving while the connection to PostgreSQL is cut (through a TCP proxy this test
 * controls) go to the spool and reach the database when it comes back: none is lost.
 */
class SpoolUnderCutConnectionTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failuresArrivingWhileTheDatabaseIsCutOffAreSpooledAndFlushedWhenItReturns(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("spool");
             CuttableProxy proxy = new CuttableProxy(5432)) {
            String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + db.name();
            Path spool = dir.resolve("spool.jsonl");
            SpoolingFailureStore store = new SpoolingFailureStore(JdbcFailureStore.open(Database.fromUrl(url)), spool);
            Set<String> sent = new HashSet<>();

            for (int i = 0; i < 5; i++) {
                record(store, sent, "before-" + i);
            }
            proxy.cut();
            for (int i = 0; i < 20; i++) {
                record(store, sent, "during-" + i);
            }
            assertThat(store.pending()).isEqualTo(20);
            // The signature (a MAC) is kept for re-verification; the Authorization credential never is.
            assertThat(Files.readString(spool)).contains("RSOYDt4T1cUTdK1PDd93").doesNotContain("dXNlcjpwYXNz");

            proxy.restore();
            // The pool reopens connections with a back-off of at most a few seconds after an outage.
            awaitReachable(store);
            record(store, sent, "after-0");
            assertThat(store.pending()).isZero();
            assertThat(Files.exists(spool)).isFalse();

            FailureStore direct = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl()));
            assertThat(direct.list(1000)).extracting(FailureRecord::requestId).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWriterRecordingWithoutPauseLosesNothingWhileTheConnectionIsCutAndRestored(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("spool");
             CuttableProxy proxy = new CuttableProxy(5432)) {
            String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + db.name();
            SpoolingFailureStore store = new SpoolingFailureStore(JdbcFailureStore.open(Database.fromUrl(url)),
                    dir.resolve("spool.jsonl"));
            Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 150; i++) {
                    record(store, sent, "w-" + i);
                    done.incrementAndGet();
                }
            }, "failure-writer");
            writer.start();
            while (done.get() < 20) {
                Thread.onSpinWait();
            }
            proxy.cut();
            int cutAt = done.get();
            while (done.get() < cutAt + 40 && writer.isAlive()) {
                Thread.onSpinWait();
            }
            proxy.restore();
            writer.join();
            awaitReachable(store);

            FailureStore direct = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl()));
            assertThat(sent).hasSize(150);
            assertThat(direct.list(1000)).extracting(FailureRecord::requestId).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void aFlushRepeatedAfterAnInterruptionStoresEachRecordOnce(@TempDir Path dir) {
        try (ScratchDatabase db = ScratchDatabase.create("spool")) {
            FailureStore target = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl()));
            FailureRecord record = FailureStoreTest.failure("twice", FailureStoreTest.T0);
            target.record(record);
            SpoolingFailureStore store = new SpoolingFailureStore(target, dir.resolve("spool.jsonl"));
            store.record(record);
            assertThat(target.list(10)).hasSize(1);
        }
    }

    private static void awaitReachable(SpoolingFailureStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                store.flush();
                return;
            } catch (FailureStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void record(FailureStore store, Set<String> sent, String requestId) {
        store.record(FailureStoreTest.failure(requestId, FailureStoreTest.T0));
        sent.add(requestId);
    }
}
