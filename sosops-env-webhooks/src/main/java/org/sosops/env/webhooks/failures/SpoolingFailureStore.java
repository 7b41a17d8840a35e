package org.sosops.env.webhooks.failures;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure store that loses no acknowledged record: when the database cannot be written, the
 * record is appended to a local spool file and moved into the database by the next flush — at
 * construction (start-up), on the timer of {@link #flushEvery}, after the next write that reaches
 * the database, or on an explicit {@link #flush()}.
 *
 * <p>Crash guarantees:
 * <ul>
 * <li><b>Durable on return.</b> {@link #record} returns only after the line is written and forced
 *     to disk ({@code fsync}); a record whose call did not return was never acknowledged.</li>
 * <li><b>No record glued to a torn line.</b> Before appending, a last line without its newline
 *     (a writer killed mid-write) is cut off, so the new record starts on a line of its own.</li>
 * <li><b>Bad bytes do not stop the reader.</b> Each line is decoded on its own (strict UTF-8, then
 *     JSON); a torn or corrupt line is skipped, counted ({@link #skippedLines()}), and kept aside
 *     in {@code <spool>.bad} for inspection; every line after it is still read.</li>
 * <li><b>Shared folders.</b> Every append and flush holds an exclusive {@link FileLock} on
 *     {@code <spool>.lock} (and a lock per file inside the JVM), so processes sharing the folder
 *     never interleave writes or flush a line that is still being written.</li>
 * <li><b>Exactly once.</b> Records keep their ids and the database keeps one row per id, so a
 *     flush interrupted halfway (crash, database lost again) is simply repeated.</li>
 * </ul>
 *
 * <pre>{@code
 * SpoolingFailureStore store = new SpoolingFailureStore(JdbcFailureStore.open(db), Path.of(".sosops-env/webhook-failures.spool.jsonl"))
 *         .flushEvery(Duration.ofSeconds(30));
 * }</pre>
 */
public final class SpoolingFailureStore implements FailureStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingFailureStore.class);
    // Escaping non-ASCII keeps every line plain ASCII: a torn multi-byte character can then only be corruption.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() { };
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 64 * 1024;

    private final FailureStore delegate;
    private final Path spool;
    private final Path lockFile;
    private final Path badFile;
    private final ReentrantLock jvmLock;
    private final AtomicLong skipped = new AtomicLong();
    private volatile ScheduledExecutorService timer;

    /** Wraps {@code delegate}; spooled records left by an earlier run are flushed now when the database answers. */
    public SpoolingFailureStore(FailureStore delegate, Path spool) {
        this.delegate = delegate;
        this.spool = spool.toAbsolutePath().normalize();
        this.lockFile = this.spool.resolveSibling(this.spool.getFileName() + ".lock");
        this.badFile = this.spool.resolveSibling(this.spool.getFileName() + ".bad");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.spool, p -> new ReentrantLock());
        if (hasSpooledBytes()) {
            flushQuietly();
        }
    }

    /**
     * Also flushes on a timer (a daemon thread), so spooled records reach the database even when no
     * further failure arrives. {@link #close()} stops it.
     */
    public SpoolingFailureStore flushEvery(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the spool flush period must be positive");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sosops-webhook-spool-flush");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            if (hasSpooledBytes()) {
                flushQuietly();
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledExecutorService previous = timer;
        timer = executor;
        if (previous != null) {
            previous.shutdownNow();
        }
        return this;
    }

    @Override
    public void record(FailureRecord failure) {
        try {
            delegate.record(failure);
        } catch (RuntimeException e) {
            LOG.warn("webhook failure {} spooled to {}: the store is unreachable ({})", failure.requestId(), spool,
                    e.getMessage());
            append(failure);
            return;
        }
        if (hasSpooledBytes()) {
            flushQuietly();
        }
    }

    /**
     * Moves every spooled record into the store.
     *
     * @return how many records were moved
     * @throws FailureStoreException when the store is still unreachable (the spool is kept)
     */
    public int flush() {
        return locked(() -> {
            if (!Files.exists(spool)) {
                return 0;
            }
            Spool read = readSpool();
            for (FailureRecord record : read.records()) {
                delegate.record(record);
            }
            if (!read.badLines().isEmpty()) {
                keepAside(read.badLines());
            }
            Files.deleteIfExists(spool);
            if (!read.records().isEmpty()) {
                LOG.info("{} spooled webhook failure(s) moved from {} into the store", read.records().size(), spool);
            }
            return read.records().size();
        });
    }

    /** How many records wait in the spool. */
    public int pending() {
        return locked(() -> Files.exists(spool) ? readSpool().records().size() : 0);
    }

    /** How many unreadable spool lines (torn or corrupt) were skipped and kept aside since start. */
    public long skippedLines() {
        return skipped.get();
    }

    /** Stops the flush timer, if any; records and the spool stay as they are. */
    @Override
    public void close() {
        ScheduledExecutorService executor = timer;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private boolean hasSpooledBytes() {
        try {
            return Files.size(spool) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean flushQuietly() {
        try {
            flush();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("spool {} not flushed yet: {}", spool, e.getMessage());
            return false;
        }
    }

    @Override
    public List<FailureRecord> list(int limit) {
        flushQuietly();
        return delegate.list(limit);
    }

    @Override
    public Optional<FailureRecord> find(String id) {
        flushQuietly();
        return delegate.find(id);
    }

    @Override
    public boolean markReplayed(String id, Instant at) {
        return delegate.markReplayed(id, at);
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff) {
        return delegate.deleteReceivedBefore(cutoff);
    }

    private void append(FailureRecord failure) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(toLine(failure)) + "\n").getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FailureStoreException("cannot encode " + failure + " for the spool " + spool, e);
        }
        try {
            locked(() -> {
                try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
                    cutTornTail(channel);
                    channel.position(channel.size());
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                return null;
            });
        } catch (FailureStoreException e) {
            // Both the database and the disk failed: say so loudly, with the request id to find it in logs.
            LOG.error("webhook failure {} LOST: neither the store nor the spool {} can be written ({})",
                    failure.requestId(), spool, e.getMessage());
            throw e;
        }
    }

    /** A last line without its newline was torn by a crash mid-write; it was never acknowledged. */
    private void cutTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || lastByte(channel, size) == '\n') {
            return;
        }
        long end = size;
        long keep = 0;
        ByteBuffer chunk = ByteBuffer.allocate(TAIL_CHUNK);
        search:
        while (end > 0) {
            long start = Math.max(0, end - TAIL_CHUNK);
            chunk.clear().limit((int) (end - start));
            channel.read(chunk, start);
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    keep = start + i + 1;
                    break search;
                }
            }
            end = start;
        }
        channel.truncate(keep);
        channel.force(true);
        LOG.warn("spool {}: cut a torn last line of {} bytes left by an interrupted write", spool, size - keep);
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    private void keepAside(List<byte[]> badLines) throws IOException {
        try (FileChannel channel = FileChannel.open(badFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (byte[] bad : badLines) {
                ByteBuffer buffer = ByteBuffer.allocate(bad.length + 1).put(bad).put((byte) '\n').flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        skipped.addAndGet(badLines.size());
        LOG.warn("spool {}: {} unreadable line(s) skipped and kept in {}", spool, badLines.size(), badFile);
    }

    private record Spool(List<FailureRecord> records, List<byte[]> badLines) {
    }

    private Spool readSpool() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(spool);
        } catch (NoSuchFileException e) {
            return new Spool(List.of(), List.of());
        }
        List<FailureRecord> records = new ArrayList<>();
        List<byte[]> bad = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            // A last segment without '\n' is a torn write: never acknowledged, set aside like any bad line.
            boolean complete = end < bytes.length;
            if (end > start) {
                Optional<FailureRecord> record = complete ? parse(bytes, start, end) : Optional.empty();
                if (record.isPresent()) {
                    records.add(record.get());
                } else {
                    byte[] line = new byte[end - start];
                    System.arraycopy(bytes, start, line, 0, line.length);
                    bad.add(line);
                }
            }
            start = end + 1;
        }
        return new Spool(records, bad);
    }

    @SuppressWarnings("unchecked")
    private static Optional<FailureRecord> parse(byte[] bytes, int start, int end) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> line = JSON.readValue(text, LINE);
            Object query = line.get("raw_query");
            return Optional.of(new FailureRecord((String) line.get("id"), (String) line.get("request_id"),
                    (String) line.get("endpoint"), (String) line.get("provider"), (String) line.get("reason"),
                    Instant.parse((String) line.get("received_at")), (Map<String, List<String>>) line.get("headers"),
                    (Map<String, List<String>>) line.getOrDefault("signing_headers", Map.of()),
                    Optional.ofNullable((String) query), Base64.getDecoder().decode((String) line.get("body")),
                    Boolean.TRUE.equals(line.get("truncated")), !Boolean.FALSE.equals(line.get("refused")),
                    Optional.ofNullable((String) line.get("source_address")), Optional.empty()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> toLine(FailureRecord failure) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", failure.id());
        line.put("request_id", failure.requestId());
        line.put("endpoint", failure.endpoint());
        line.put("provider", failure.provider());
        line.put("reason", failure.reason());
        line.put("received_at", failure.receivedAt().toString());
        line.put("headers", failure.headers());
        line.put("signing_headers", failure.signingHeaders());
        line.put("raw_query", failure.rawQuery().orElse(null));
        line.put("body", Base64.getEncoder().encodeToString(failure.body()));
        line.put("truncated", failure.truncated());
        line.put("refused", failure.refused());
        line.put("source_address", failure.sourceAddress().orElse(null));
        return line;
    }

    @FunctionalInterface
    private interface SpoolAction<T> {
        T run() throws IOException;
    }

    /** Runs under the JVM lock for this spool and the exclusive file lock shared with other processes. */
    private <T> T locked(SpoolAction<T> action) {
        jvmLock.lock();
        try {
            Files.createDirectories(spool.getParent());
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new FailureStoreException("cannot use the spool " + spool + " (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            jvmLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SpoolingFailureStore[" + delegate + ", spool " + spool + "]";
    }
}
