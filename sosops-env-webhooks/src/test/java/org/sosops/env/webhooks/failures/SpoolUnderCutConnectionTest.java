package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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
             TcpProxy proxy = new TcpProxy(5432)) {
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
             TcpProxy proxy = new TcpProxy(5432)) {
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

    /** A loopback TCP proxy whose connections the test can cut and restore. */
    static final class TcpProxy implements AutoCloseable {
        private final int targetPort;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;
        private volatile Thread acceptor;
        private volatile int port;

        TcpProxy(int targetPort) throws IOException {
            this.targetPort = targetPort;
            listen(0);
        }

        int port() {
            return port;
        }

        private void listen(int wanted) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
            server = socket;
            port = socket.getLocalPort();
            Thread thread = new Thread(() -> accept(socket), "tcp-proxy-accept");
            thread.setDaemon(true);
            acceptor = thread;
            thread.start();
        }

        private void accept(ServerSocket socket) {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // Cut: the other pump closes too.
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "tcp-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        /** Drops every live connection and refuses new ones. */
        void cut() throws IOException {
            server.close();
            // The JDK closes a listening socket only once a thread blocked in accept() has left it,
            // so wait for the acceptor: until then a new connection could still get through.
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while cutting the proxy", e);
            }
            for (Socket s : open) {
                closeQuietly(s);
            }
            open.clear();
        }

        void restore() throws IOException {
            listen(port);
        }

        @Override
        public void close() throws IOException {
            cut();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
