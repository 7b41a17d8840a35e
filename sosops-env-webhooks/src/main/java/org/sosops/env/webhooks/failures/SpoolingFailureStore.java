package org.sosops.env.webhooks.failures;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure store that never loses a record: when the database cannot be written, the record is
 * appended to a local spool file (one JSON line, forced to disk) and moved into the database by the
 * next {@link #flush()} that reaches it. Every {@link #record} tries a flush first, and the host
 * may call {@link #flush()} on a schedule. Records keep their ids, so a flush interrupted halfway
 * is simply repeated.
 *
 * <pre>{@code
 * FailureStore store = new SpoolingFailureStore(JdbcFailureStore.open(db), Path.of(".sosops-env/webhook-spool.jsonl"));
 * }</pre>
 */
public final class SpoolingFailureStore implements FailureStore {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingFailureStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() { };

    private final FailureStore delegate;
    private final Path spool;

    public SpoolingFailureStore(FailureStore delegate, Path spool) {
        this.delegate = delegate;
        this.spool = spool.toAbsolutePath();
    }

    @Override
    public synchronized void record(FailureRecord failure) {
        if (pending() > 0 && !flushQuietly()) {
            append(failure);
            return;
        }
        try {
            delegate.record(failure);
        } catch (RuntimeException e) {
            LOG.warn("webhook failure {} spooled to {}: the store is unreachable ({})", failure.requestId(), spool,
                    e.getMessage());
            append(failure);
        }
    }

    /**
     * Moves every spooled record into the store.
     *
     * @return how many records were moved
     * @throws FailureStoreException when the store is still unreachable (the spool is kept)
     */
    public synchronized int flush() {
        List<FailureRecord> records = readSpool();
        for (FailureRecord record : records) {
            delegate.record(record);
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new FailureStoreException("cannot remove the flushed spool " + spool, e);
        }
        if (!records.isEmpty()) {
            LOG.info("{} spooled webhook failure(s) moved from {} into the store", records.size(), spool);
        }
        return records.size();
    }

    /** How many records wait in the spool. */
    public synchronized int pending() {
        if (!Files.exists(spool)) {
            return 0;
        }
        return readSpool().size();
    }

    private boolean flushQuietly() {
        try {
            flush();
            return true;
        } catch (RuntimeException e) {
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
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", failure.id());
        line.put("request_id", failure.requestId());
        line.put("endpoint", failure.endpoint());
        line.put("provider", failure.provider());
        line.put("reason", failure.reason());
        line.put("received_at", failure.receivedAt().toString());
        line.put("headers", failure.headers());
        line.put("body", Base64.getEncoder().encodeToString(failure.body()));
        line.put("source_address", failure.sourceAddress().orElse(null));
        try {
            Files.createDirectories(spool.getParent());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            // Both the database and the disk failed: say so loudly, with the request id to find it in logs.
            LOG.error("webhook failure {} LOST: neither the store nor the spool {} can be written ({})",
                    failure.requestId(), spool, e.getMessage());
            throw new FailureStoreException("cannot write the spool " + spool, e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<FailureRecord> readSpool() {
        List<FailureRecord> records = new ArrayList<>();
        if (!Files.exists(spool)) {
            return records;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FailureStoreException("cannot read the spool " + spool, e);
        }
        for (String text : lines) {
            if (text.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> line = JSON.readValue(text, LINE);
                records.add(new FailureRecord((String) line.get("id"), (String) line.get("request_id"),
                        (String) line.get("endpoint"), (String) line.get("provider"), (String) line.get("reason"),
                        Instant.parse((String) line.get("received_at")),
                        (Map<String, List<String>>) line.get("headers"),
                        Base64.getDecoder().decode((String) line.get("body")),
                        Optional.ofNullable((String) line.get("source_address")), Optional.empty()));
            } catch (IOException | RuntimeException e) {
                // A torn last line (crash mid-write) is skipped, never allowed to block the rest.
                LOG.warn("skipping an unreadable line of the spool {}", spool);
            }
        }
        return records;
    }

    @Override
    public String toString() {
        return "SpoolingFailureStore[" + delegate + ", spool " + spool + "]";
    }
}
