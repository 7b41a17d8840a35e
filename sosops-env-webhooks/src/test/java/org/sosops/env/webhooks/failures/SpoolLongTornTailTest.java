package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torn last line longer than the 64 KiB the spool reads back at a time: the cut still ends right
 * after the last complete line, wherever it lies, and a spool that is one torn line is emptied.
 */
class SpoolLongTornTailTest {
    @TempDir
    Path dir;

    private static FailureRecord record(String requestId) {
        return new FailureRecord(requestId + "-id", requestId, "/api/webhooks/twilio/status", "twilio",
                "signature-mismatch: test", Instant.parse("2026-11-20T10:00:00Z"), Map.of("User-Agent", List.of("Twilio")),
                "Body=hello".getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty());
    }

    private static void tear(Path spool, int bytes) throws Exception {
        Files.write(spool, ("{\"id\":\"torn\",\"body\":\"" + "Q".repeat(bytes)).getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> flushedRequestIds(Path spool) {
        SpoolCrashTest.Recording store = new SpoolCrashTest.Recording();
        SpoolingFailureStore reader = new SpoolingFailureStore(store, spool);
        assertThat(reader.skippedLines()).as("unreadable lines").isZero();
        return store.records.stream().map(FailureRecord::requestId).toList();
    }

    @Test
    void aTornLineSpanningSeveralChunksIsCutBackToTheLastCompleteLine() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        SpoolingFailureStore writer = new SpoolingFailureStore(new SpoolWriterProcess.Unreachable(), spool);
        writer.record(record("kept"));
        long kept = Files.size(spool);
        tear(spool, 150_000);

        writer.record(record("next"));

        // "next" and "kept" have the same length, so both complete lines are as long.
        assertThat(Files.size(spool)).isEqualTo(2 * kept);
        assertThat(flushedRequestIds(spool)).containsExactly("kept", "next");
    }

    @Test
    void aTornLineEndingExactlyOneChunkAfterTheLastNewlineIsCutWhole() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        SpoolingFailureStore writer = new SpoolingFailureStore(new SpoolWriterProcess.Unreachable(), spool);
        writer.record(record("kept"));
        String prefix = "{\"id\":\"torn\",\"body\":\"";
        tear(spool, 64 * 1024 - prefix.length());

        writer.record(record("next"));

        assertThat(flushedRequestIds(spool)).containsExactly("kept", "next");
    }

    @Test
    void aSpoolThatIsOneLongTornLineIsEmptiedBeforeTheNextRecord() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        // Torn after the store opened: opening would have set a torn spool aside already.
        SpoolingFailureStore writer = new SpoolingFailureStore(new SpoolWriterProcess.Unreachable(), spool);
        tear(spool, 200_000);

        writer.record(record("only"));

        assertThat(Files.readString(spool, StandardCharsets.US_ASCII)).startsWith("{\"id\":\"only-id\"").endsWith("\n")
                .doesNotContain("torn");
        assertThat(flushedRequestIds(spool)).containsExactly("only");
    }
}
