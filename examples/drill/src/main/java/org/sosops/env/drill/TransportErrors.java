package org.sosops.env.drill;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Names the cause of every transport error the load client sees, so that a drill run never ends
 * with a bare count: {@code connect refused}, {@code connect timeout}, {@code request timeout},
 * {@code reset}, {@code closed before the answer (EOF)}, {@code broken pipe}. Anything else is
 * counted as {@code unexplained: <exception class>} and fails the run.
 *
 * <p>The client never retries: the JDK client cannot tell whether a POST left the socket before
 * the server closed a reused keep-alive connection, and a retry of a request that was sent would
 * hide a double delivery. So every error is counted, with its cause.
 */
final class TransportErrors {
    static final String UNEXPLAINED = "unexplained: ";
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    void count(Throwable error) {
        byCause.computeIfAbsent(classify(error), k -> new LongAdder()).increment();
    }

    static String classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timeout";
            }
            if (t instanceof HttpTimeoutException) {
                return "request timeout";
            }
            if (t instanceof ConnectException) {
                return "connect refused";
            }
            if (message.contains("connection reset")) {
                return "reset";
            }
            if (message.contains("broken pipe")) {
                return "broken pipe";
            }
            // The JDK client's words for "the server closed the connection before any answer byte":
            // typically an idle keep-alive connection closed by the server while it was reused.
            if (t instanceof EOFException || t instanceof ClosedChannelException
                    || message.contains("header parser received no bytes")
                    || message.contains("connection closed locally") || message.contains("eof reached")
                    || message.contains("closed by peer")) {
                return "closed before the answer (EOF)";
            }
            if (t instanceof SocketException && message.contains("closed")) {
                return "closed before the answer (EOF)";
            }
        }
        return UNEXPLAINED + error.getClass().getName();
    }

    Map<String, Long> byCause() {
        Map<String, Long> counts = new TreeMap<>();
        byCause.forEach((cause, n) -> counts.put(cause, n.sum()));
        return counts;
    }

    static long unexplained(Map<String, Long> byCause) {
        return byCause.entrySet().stream().filter(e -> e.getKey().startsWith(UNEXPLAINED))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
