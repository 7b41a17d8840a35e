package org.sosops.env.drill;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code valid-cut}: genuine signed callbacks before and while PostgreSQL is cut (TCP relay), then
 * the same callbacks again after the cut heals — once per store-failure policy:
 *
 * <ul>
 *   <li>{@code SOSOPS_WEBHOOK_STORE_FAILURE=reject} (staging/prod default): during the cut every
 *       answer is {@code 503} with {@code Retry-After} and nothing is handled; after the heal every
 *       callback handled before the cut is a {@code duplicate} and every refused one is handled —
 *       no callback handled twice, none lost.</li>
 *   <li>{@code accept} (local/dev default): during the cut every callback is handled (no 5xx, a
 *       warning in the log); after the heal every callback handled before the cut is a
 *       {@code duplicate}. The ones handled during the cut could not be remembered by an
 *       unreachable store — the trade the policy documents — and are counted and printed.</li>
 * </ul>
 */
final class StoreCutPhase {
    private static final int BEFORE = 40;
    private static final int DURING = 40;

    private StoreCutPhase() {
    }

    static boolean run(Drill drill) throws Exception {
        boolean reject = runWith(drill, "reject");
        return runWith(drill, "accept") && reject;
    }

    private static boolean runWith(Drill drill, String policy) throws Exception {
        try (Drill.ScratchDb db = Drill.ScratchDb.create();
             TcpProxy proxy = new TcpProxy(Drill.ScratchDb.serverAddress())) {
            int port = Drill.freePort();
            Map<String, String> env = drill.environment(port, db.databaseUrlThrough(proxy.port()), "1000000/1s");
            env.put("SOSOPS_WEBHOOK_STORE_FAILURE", policy);
            try (AppProcess app = AppProcess.start(drill.appJar(), env, port,
                    drill.out().resolve("valid-cut-" + policy + ".log"))) {
                URI url = app.uri("/api/webhooks/twilio/status");
                Deliveries client = new Deliveries();
                String run = Drill.hex(4);
                Map<String, HttpRequest> before = callbacks(drill, url, "before" + run, BEFORE);
                Map<String, HttpRequest> during = callbacks(drill, url, "during" + run, DURING);
                Map<String, Deliveries.Outcome> first = new LinkedHashMap<>(sendAll(client, before));
                proxy.cut();
                Map<String, Deliveries.Outcome> cut = sendAll(client, during);
                first.putAll(cut);
                proxy.restore();
                if (!awaitStoreBack(drill, client, url, run)) {
                    Drill.report("valid-cut", "SOSOPS_WEBHOOK_STORE_FAILURE=" + policy
                            + ": the seen-id store did not come back within 30 s of the heal");
                    return false;
                }
                Map<String, HttpRequest> everything = new LinkedHashMap<>(before);
                everything.putAll(during);
                Map<String, Deliveries.Outcome> again = sendAll(client, everything);

                Map<String, Long> duringTally = tally(cut);
                long cutHandled = cut.values().stream().filter(Deliveries.Outcome::handled).count();
                long cut503WithoutRetryAfter = cut.values().stream()
                        .filter(o -> o.status() == 503 && o.retryAfter() == null).count();
                long beforeHandled = 0;
                long beforeDuplicateAfter = 0;
                long handledTwice = 0;
                long handledTwiceFromCut = 0;
                long neverHandled = 0;
                for (String id : everything.keySet()) {
                    Deliveries.Outcome one = first.get(id);
                    Deliveries.Outcome two = again.get(id);
                    if (before.containsKey(id) && one.handled()) {
                        beforeHandled++;
                        if (two.duplicate()) {
                            beforeDuplicateAfter++;
                        }
                    }
                    if (one.handled() && two.handled()) {
                        handledTwice++;
                        if (during.containsKey(id)) {
                            handledTwiceFromCut++;
                        }
                    }
                    if (!one.handled() && !two.handled()) {
                        neverHandled++;
                    }
                }
                long transport = first.values().stream().filter(o -> o.transportCause() != null).count()
                        + again.values().stream().filter(o -> o.transportCause() != null).count();
                Drill.report("valid-cut", "SOSOPS_WEBHOOK_STORE_FAILURE=" + policy + ": " + BEFORE
                        + " signed callbacks before the cut (" + beforeHandled + " handled), " + DURING
                        + " during it: " + duringTally + " (" + cut503WithoutRetryAfter + " × 503 without Retry-After)"
                        + "; after the heal, all " + everything.size() + " again: " + tally(again)
                        + "; handled before the cut and duplicate after: " + beforeDuplicateAfter + " of "
                        + beforeHandled + "; handled twice: " + handledTwice + " (of them sent during the cut: "
                        + handledTwiceFromCut + "); never handled: " + neverHandled);
                boolean common = beforeHandled == BEFORE && beforeDuplicateAfter == beforeHandled && transport == 0
                        && neverHandled == 0;
                if (policy.equals("reject")) {
                    return common && cutHandled == 0 && duringTally.getOrDefault("503", 0L) == DURING
                            && cut503WithoutRetryAfter == 0 && handledTwice == 0;
                }
                return common && cutHandled == DURING && handledTwice == handledTwiceFromCut;
            }
        }
    }

    private static Map<String, HttpRequest> callbacks(Drill drill, URI url, String prefix, int count) {
        Map<String, HttpRequest> requests = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            requests.put(prefix + i, drill.signedStatus(url, prefix + i));
        }
        return requests;
    }

    /** Four at a time, each bounded by the request timeout, the whole batch by 90 s. */
    private static Map<String, Deliveries.Outcome> sendAll(Deliveries client, Map<String, HttpRequest> requests)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        Map<String, Future<Deliveries.Outcome>> pending = new LinkedHashMap<>();
        requests.forEach((id, request) -> pending.put(id, senders.submit(() -> client.send(request))));
        senders.shutdown();
        if (!senders.awaitTermination(90, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
        Map<String, Deliveries.Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Deliveries.Outcome>> e : pending.entrySet()) {
            outcomes.put(e.getKey(), e.getValue().isDone() && !e.getValue().isCancelled() ? e.getValue().get()
                    : new Deliveries.Outcome(0, null, null, null, "not sent within the phase's 90 s"));
        }
        return outcomes;
    }

    private static Map<String, Long> tally(Map<String, Deliveries.Outcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        for (Deliveries.Outcome o : outcomes.values()) {
            String key = o.transportCause() != null ? "transport: " + o.transportCause()
                    : o.duplicate() ? "duplicate" : o.handled() ? "handled " + o.status() : Integer.toString(o.status());
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    /**
     * The heal is over when the guard remembers again: a fresh probe callback sent twice gets a
     * {@code duplicate} the second time. Readiness alone is not enough — the pool may still be
     * failing its borrowers for a moment after the relay accepts connections again.
     */
    private static boolean awaitStoreBack(Drill drill, Deliveries client, URI url, String run)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int k = 0; System.nanoTime() < deadline; k++) {
            HttpRequest probe = drill.signedStatus(url, "probe" + run + k);
            if (client.send(probe).handled() && client.send(probe).duplicate()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
