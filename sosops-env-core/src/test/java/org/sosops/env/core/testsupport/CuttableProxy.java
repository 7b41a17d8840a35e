package org.sosops.env.core.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to a local port (PostgreSQL) that a test can cut, as a network failure would: every
 * live connection is dropped and new ones are refused until {@link #restore()}.
 *
 * <pre>{@code
 * try (CuttableProxy proxy = new CuttableProxy(5432)) {
 *     String url = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + db.name();
 *     proxy.cut();      // the database is gone
 *     proxy.restore();  // and back, on the same port
 * }
 * }</pre>
 */
public final class CuttableProxy implements AutoCloseable {
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile int port;

    public CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listen(0);
    }

    public int port() {
        return port;
    }

    /** Drops every live connection and refuses new ones. */
    public void cut() throws IOException {
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

    public void restore() throws IOException {
        listen(port);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void listen(int wanted) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = socket;
        port = socket.getLocalPort();
        Thread thread = new Thread(() -> accept(socket), "proxy-accept");
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

    private static void pump(Socket from, Socket to) {
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
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
