package org.sosops.env.referenceapp.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is slow: each chunk is taken
 * when Jetty has one ({@code read()}), and when none is there the reader asks to be called back
 * ({@code demand}) and returns. A declared {@code Content-Length} over the cap is refused before a
 * byte is read; a chunked body is counted as it streams and refused the moment it passes the cap.
 * So a hundred clients that announce four megabytes and send one byte hold no worker thread, and
 * the idle timeout closes their connections.
 *
 * <pre>{@code
 * BodyReader.read(request, 1 << 20, body -> handle(body), tooLarge -> answer413(), failure -> callback.failed(failure));
 * }</pre>
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final int cap;
    private final Consumer<byte[]> done;
    private final Runnable tooLarge;
    private final Consumer<Throwable> failed;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private BodyReader(Request request, int cap, Consumer<byte[]> done, Runnable tooLarge, Consumer<Throwable> failed) {
        this.request = request;
        this.cap = cap;
        this.done = done;
        this.tooLarge = tooLarge;
        this.failed = failed;
    }

    static void read(Request request, int cap, Consumer<byte[]> done, Runnable tooLarge, Consumer<Throwable> failed) {
        if (request.getLength() > cap) {
            tooLarge.run();
            return;
        }
        new BodyReader(request, cap, done, tooLarge, failed).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                failed.accept(chunk.getFailure());
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            if (body.size() + (long) n > cap) {
                chunk.release();
                tooLarge.run();
                return;
            }
            byte[] copy = new byte[n];
            bytes.get(copy);
            body.write(copy, 0, n);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                done.accept(body.toByteArray());
                return;
            }
        }
    }
}
