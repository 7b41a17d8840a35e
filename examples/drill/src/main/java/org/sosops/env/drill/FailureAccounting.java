package org.sosops.env.drill;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code db-cut} phase: forged Twilio callbacks (each refused and stored as a failure record)
 * arrive while the PostgreSQL connection is cut mid-run; afterwards every refused request's id
 * must be found in the failure table — nothing lost, nothing left only in a spool.
 */
final class FailureAccounting {
    static final String TABLE = "sosops_webhook_failures";

    private FailureAccounting() {
    }

    static boolean run(Drill drill) throws Exception {
        int runSeconds = 20;
        int cutAt = 5;
        int restoreAt = 12;
        try (Drill.ScratchDb db = Drill.ScratchDb.create();
             TcpProxy proxy = new TcpProxy(Drill.ScratchDb.serverAddress())) {
            int port = Drill.freePort();
            Map<String, String> env = drill.environment(port, db.databaseUrlThrough(proxy.port()), "1000000/1s");
            try (AppProcess app = AppProcess.start(drill.appJar(), env, port, drill.out().resolve("db-cut.log"))) {
                URI url = app.uri("/api/webhooks/twilio/inbound");
                Set<String> refused = ConcurrentHashMap.newKeySet();
                Map<Integer, Long> duringCut = new ConcurrentHashMap<>();
                long[] window = new long[2];
                ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
                faults.schedule(() -> {
                    window[0] = System.nanoTime();
                    proxy.cut();
                }, cutAt, TimeUnit.SECONDS);
                faults.schedule(() -> {
                    proxy.restore();
                    window[1] = System.nanoTime();
                }, restoreAt, TimeUnit.SECONDS);
                LoadResult result = new LoadClient().run(Math.min(4, drill.threads()), Duration.ofSeconds(runSeconds),
                        n -> drill.forgedStatus(url, "forged" + n), (request, answer) -> {
                            if (answer.status() == 403 && answer.requestId() != null) {
                                refused.add(answer.requestId());
                            }
                            long now = System.nanoTime();
                            if (window[0] != 0 && (window[1] == 0 || now < window[1])) {
                                duringCut.merge(answer.status(), 1L, Long::sum);
                            }
                        });
                faults.shutdownNow();
                Set<String> missing = awaitRecords(db, refused, Duration.ofSeconds(60));
                Drill.report("db-cut", "PostgreSQL cut from " + cutAt + " s to " + restoreAt + " s of " + runSeconds
                        + " s; " + refused.size() + " forged callbacks refused with 403 (answers during the cut: "
                        + duringCut + "); failure records found afterwards: " + (refused.size() - missing.size())
                        + ", missing: " + missing.size() + "; " + result.summary());
                return missing.isEmpty() && !refused.isEmpty() && result.serverErrors() == 0
                        && result.unexplainedTransportErrors() == 0;
            }
        }
    }

    /** Waits for the application's spool to flush; returns the request ids still without a record. */
    static Set<String> awaitRecords(Drill.ScratchDb db, Set<String> requestIds, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<String> missing = new HashSet<>(requestIds);
        while (true) {
            try (Connection c = db.connect();
                 PreparedStatement s = c.prepareStatement("SELECT request_id FROM " + TABLE);
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                }
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(1_000);
        }
    }
}
