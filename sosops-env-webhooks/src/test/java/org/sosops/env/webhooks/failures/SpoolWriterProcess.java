package org.sosops.env.webhooks.failures;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A child JVM for {@link SpoolCrashTest}: spools records through a store whose database is always
 * unreachable, from several threads, and prints {@code ack <id>} for each {@code record} call that
 * returned — the acknowledgement a webhook answer would be sent on.
 *
 * <p>Arguments: spool file, id prefix, records per thread (0 = until killed), threads, body bytes.
 */
public final class SpoolWriterProcess {
    private SpoolWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        String prefix = args[1];
        int perThread = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        byte[] body = "x".repeat(Integer.parseInt(args[4])).getBytes(StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.US_ASCII);
        SpoolingFailureStore store = new SpoolingFailureStore(new Unreachable(), spool);
        out.println("ready");
        out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = prefix + "-t" + t;
            Thread writer = new Thread(() -> {
                for (int i = 0; perThread == 0 || i < perThread; i++) {
                    String id = name + "-" + i + "-" + UUID.randomUUID();
                    store.record(new FailureRecord(id, "req-" + i, "/api/webhooks/twilio/status", "twilio",
                            "signature-mismatch: test", Instant.now(), Map.of("Content-Type", List.of("text/plain")),
                            body, Optional.of("203.0.113.5"), Optional.empty()));
                    synchronized (out) {
                        out.println("ack " + id);
                        out.flush();
                    }
                }
            }, name);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        out.println("done");
        out.flush();
    }

    /** A database that never answers. */
    static final class Unreachable implements FailureStore {
        @Override
        public void record(FailureRecord failure) {
            throw new FailureStoreException("the database is unreachable (test)", null);
        }

        @Override
        public List<FailureRecord> list(int limit) {
            throw new FailureStoreException("the database is unreachable (test)", null);
        }

        @Override
        public Optional<FailureRecord> find(String id) {
            throw new FailureStoreException("the database is unreachable (test)", null);
        }

        @Override
        public boolean markReplayed(String id, Instant at) {
            throw new FailureStoreException("the database is unreachable (test)", null);
        }

        @Override
        public int deleteReceivedBefore(Instant cutoff) {
            throw new FailureStoreException("the database is unreachable (test)", null);
        }
    }
}
