package org.sosops.env.drill;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The phases that prove the failure policy with genuine traffic: the same delivery sent to two
 * instances at once, a {@code kill -9} while the failure store spools, and valid signed callbacks
 * while PostgreSQL is cut. Every loop is bounded in count and in time; traffic stays on loopback.
 */
final class FleetPhases {
    private FleetPhases() {
    }

    /**
     * {@code same-callback}: two instances on one database; each of {@code deliveries} distinct
     * signed callbacks is sent to both at the same moment. Pass: exactly one handled answer (a
     * non-duplicate 2xx) per delivery across the pair, the other a {@code duplicate}; no 5xx, no
     * transport error.
     */
    static boolean sameCallbackTwice(Drill drill) throws Exception {
        int deliveries = 300;
        try (Drill.ScratchDb db = Drill.ScratchDb.create()) {
            int portA = Drill.freePort();
            int portB = Drill.freePort();
            try (AppProcess a = AppProcess.start(drill.appJar(), drill.environment(portA, db.databaseUrl(), "1000000/1s"),
                    portA, drill.out().resolve("same-callback-a.log"));
                 AppProcess b = AppProcess.start(drill.appJar(), drill.environment(portB, db.databaseUrl(), "1000000/1s"),
                         portB, drill.out().resolve("same-callback-b.log"))) {
                // The signature covers the URL, so each instance gets the callback signed for its own
                // address — what a load balancer in front of a fleet delivers: same parameters, same id.
                URI urlA = a.uri("/api/webhooks/twilio/status");
                URI urlB = b.uri("/api/webhooks/twilio/status");
                Deliveries client = new Deliveries();
                Map<String, Long> tally = new TreeMap<>();
                Map<String, Long> causes = new TreeMap<>();
                long exactlyOnce = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int sent = 0;
                for (; sent < deliveries && System.nanoTime() < deadline; sent++) {
                    String id = "same" + sent;
                    CompletableFuture<Deliveries.Outcome> toA = client.sendAsync(drill.signedStatus(urlA, id));
                    CompletableFuture<Deliveries.Outcome> toB = client.sendAsync(drill.signedStatus(urlB, id));
                    List<Deliveries.Outcome> both = List.of(toA.get(35, TimeUnit.SECONDS), toB.get(35, TimeUnit.SECONDS));
                    long handled = both.stream().filter(Deliveries.Outcome::handled).count();
                    if (handled == 1) {
                        exactlyOnce++;
                    }
                    tally.merge("handled " + handled + "x", 1L, Long::sum);
                    for (Deliveries.Outcome o : both) {
                        if (o.transportCause() != null) {
                            causes.merge(o.transportCause(), 1L, Long::sum);
                        } else if (!o.handled()) {
                            tally.merge(o.duplicate() ? "duplicate answers" : "status " + o.status(), 1L, Long::sum);
                        }
                    }
                }
                Drill.report("same-callback", "two instances, one database, " + sent + " distinct signed callbacks, each"
                        + " sent to both at once: handled exactly once fleet-wide " + exactlyOnce + " of " + sent
                        + "; " + tally + "; transport errors " + causes);
                return sent == deliveries && exactlyOnce == deliveries && causes.isEmpty();
            }
        }
    }

    /**
     * {@code kill-spool}: PostgreSQL cut, forged callbacks with known {@code X-Request-Id}s refused
     * (their failure records go to the spool), {@code kill -9}, cut healed, instance restarted on the
     * same data directory. Pass: every refused request id that was answered has its record.
     */
    static boolean killWhileSpooling(Drill drill) throws Exception {
        int requests = 200;
        try (Drill.ScratchDb db = Drill.ScratchDb.create();
             TcpProxy proxy = new TcpProxy(Drill.ScratchDb.serverAddress())) {
            int port = Drill.freePort();
            Map<String, String> env = drill.environment(port, db.databaseUrlThrough(proxy.port()), "1000000/1s");
            Set<String> refused = ConcurrentHashMap.newKeySet();
            Map<String, Long> answers = new TreeMap<>();
            Map<String, Long> causes = new TreeMap<>();
            AppProcess app = AppProcess.start(drill.appJar(), env, port, drill.out().resolve("kill-spool-1.log"));
            try {
                URI url = app.uri("/api/webhooks/twilio/inbound");
                proxy.cut();
                Deliveries client = new Deliveries();
                ExecutorService senders = Executors.newFixedThreadPool(4);
                List<Future<Deliveries.Outcome>> pending = new ArrayList<>();
                String run = Drill.hex(4);
                for (int i = 0; i < requests; i++) {
                    String requestId = "drill-kill-" + run + "-" + i;
                    HttpRequest request = withRequestId(drill.forgedStatus(url, "kill" + run + i), requestId);
                    pending.add(senders.submit(() -> {
                        Deliveries.Outcome o = client.send(request);
                        if (o.status() == 403 && requestId.equals(o.requestId())) {
                            refused.add(requestId);
                        }
                        return o;
                    }));
                }
                senders.shutdown();
                if (!senders.awaitTermination(90, TimeUnit.SECONDS)) {
                    senders.shutdownNow();
                }
                for (Future<Deliveries.Outcome> f : pending) {
                    if (f.isDone()) {
                        Deliveries.Outcome o = f.get();
                        if (o.transportCause() != null) {
                            causes.merge(o.transportCause(), 1L, Long::sum);
                        } else {
                            answers.merge("status " + o.status(), 1L, Long::sum);
                        }
                    }
                }
            } finally {
                app.kill();
            }
            proxy.restore();
            try (AppProcess restarted = AppProcess.start(drill.appJar(), env, port,
                    drill.out().resolve("kill-spool-2.log"))) {
                Set<String> missing = FailureAccounting.awaitRecords(db, refused, Duration.ofSeconds(60));
                Drill.report("kill-spool", "PostgreSQL cut, " + requests + " forged callbacks with known X-Request-Id: "
                        + answers + ", transport errors " + causes + "; " + refused.size()
                        + " refused, then kill -9, cut healed, restarted on the same data directory: records found "
                        + (refused.size() - missing.size()) + ", missing " + missing.size());
                return !refused.isEmpty() && missing.isEmpty() && causes.isEmpty();
            }
        }
    }

    private static HttpRequest withRequestId(HttpRequest signed, String requestId) {
        return HttpRequest.newBuilder(signed, (name, value) -> true).header("X-Request-Id", requestId).build();
    }
}
