package org.sosops.env.core.hygiene.scan;

/**
 * A file the scan could not read as text and therefore did not check (too large, unreadable).
 * Binary files are counted in {@link ScanResult#binaryFiles()} instead: they are expected.
 *
 * <pre>{@code
 * result.skipped().forEach(s -> log.warn("not scanned: {} ({})", s.file(), s.reason()));
 * }</pre>
 *
 * @param file   the path relative to the scanned root, with {@code /} separators
 * @param reason why it was skipped
 */
public record SkippedFile(String file, String reason) {
}
