package org.sosops.env.core.hygiene.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.hygiene.ProviderPattern;
import org.sosops.env.core.secret.Secret;

/**
 * {@code hardcoded-secret}: finds secret literals in a source tree. Thread-safe; build once.
 *
 * <p>What counts: a provider key ({@link ProviderPattern}) anywhere; a URL with a real-looking
 * password anywhere; a canonical secret variable's name ({@code AUTH_SECRET}, also spelt
 * {@code authSecret}, {@code auth-secret}, {@code twilio.auth-token}) assigned a string literal in
 * Java, Kotlin, JavaScript/TypeScript, JSON, YAML or {@code .properties} (and unquoted in YAML,
 * {@code .properties} and {@code .env} files). A literal that is itself a variable name
 * ({@code "AUTH_SECRET"}), a reference ({@code ${AUTH_SECRET}}) or a placeholder is not a secret.
 *
 * <p>How it stays fast: each file is read once as bytes; a handful of literal anchors are searched
 * with {@link String#indexOf(String)} (vectorised by the JVM), and regular expressions run only on
 * the lines where an anchor occurs.
 *
 * <p>Bad input never stops the scan: symbolic links are not followed (so loops cannot occur),
 * build and VCS folders are skipped, binary files (a NUL byte in the first 8 KiB) are counted and
 * skipped, files over the size limit or unreadable are listed in {@link ScanResult#skipped()}, and
 * text in any encoding is read byte by byte as ISO-8859-1, which keeps every ASCII key intact.
 *
 * <pre>{@code
 * ScanResult result = SourceScanner.standard().scan(Path.of("src"));
 * result.secrets().forEach(s -> System.out.println(s.file() + ":" + s.line() + " " + s.description()));
 * }</pre>
 */
public final class SourceScanner {
    /** Larger files are listed as skipped: generated bundles and data, rarely hand-written code. */
    public static final long DEFAULT_MAX_FILE_SIZE = 8L * 1024 * 1024;
    public static final Set<String> DEFAULT_SKIPPED_DIRECTORIES = Set.of(
            ".git", ".hg", ".svn", ".bzr", "target", "build", "out", "dist", "node_modules", "bower_components",
            ".gradle", ".idea", ".vscode", ".next", ".nuxt", ".turbo", ".cache", "__pycache__", ".venv", "venv",
            ".tox", "coverage", ".terraform");
    /** The inline allow comment; the reason follows it on the same line. */
    public static final String ALLOW_MARKER = "sosops-env: allow-secret";

    private static final int BINARY_PROBE = 8192;
    private static final int MAX_LINE_REGION = 4096;
    private static final int LONG_LINE_WINDOW = 1024;
    private static final String URL_ANCHOR = "://";
    /** Anchors of the assignment check, searched in a lower-cased copy: every canonical secret name has one. */
    private static final String[] NAME_ANCHORS = NameAnchors.ALL;
    /** How far after {@code ://} a URL's {@code @} may be: user and password are short. */
    private static final int MAX_USER_INFO = 256;

    private final long maxFileSize;
    private final Set<String> skippedDirectories;

    private SourceScanner(long maxFileSize, Set<String> skippedDirectories) {
        this.maxFileSize = maxFileSize;
        this.skippedDirectories = Set.copyOf(skippedDirectories);
    }

    public static SourceScanner standard() {
        return new SourceScanner(DEFAULT_MAX_FILE_SIZE, DEFAULT_SKIPPED_DIRECTORIES);
    }

    /** A scanner with another size limit (bytes). */
    public SourceScanner withMaxFileSize(long bytes) {
        return new SourceScanner(bytes, skippedDirectories);
    }

    /** A scanner that also skips folders with this name. */
    public SourceScanner skippingDirectory(String name) {
        Set<String> more = new HashSet<>(skippedDirectories);
        more.add(name);
        return new SourceScanner(maxFileSize, more);
    }

    /**
     * Scans every file under {@code root}.
     *
     * @throws IllegalArgumentException when {@code root} is not a directory
     */
    public ScanResult scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory");
        }
        Walker walker = new Walker(root);
        try {
            Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, walker);
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot be walked", e);
        }
        walker.secrets.sort(Comparator.comparing(SourceSecret::file).thenComparingInt(SourceSecret::line));
        walker.skipped.sort(Comparator.comparing(SkippedFile::file));
        return new ScanResult(walker.secrets, walker.skipped, walker.files, walker.bytes, walker.binary);
    }

    /** True when {@code content} looks binary: a NUL byte near the start. */
    public static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scans one file's content.
     *
     * @param file the name reported in findings; its extension selects the unquoted-assignment check
     */
    public List<SourceSecret> scanText(String file, byte[] content) {
        int[] lineStarts = candidateLineStarts(content);
        if (lineStarts.length == 0) {
            return List.of();
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        boolean configFile = isConfigFile(file);
        List<SourceSecret> found = new ArrayList<>();
        LineCounter lines = new LineCounter(content);
        for (int start : lineStarts) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            int lineNumber = lines.lineOf(start);
            List<SourceSecret.Hit> hits = new ArrayList<>();
            if (end - start <= MAX_LINE_REGION) {
                LiteralDetectors.detect(text, start, end, configFile, hits);
            } else {
                // A minified or generated line: look only around each anchor.
                for (int at : anchorsWithin(text, start, end)) {
                    LiteralDetectors.detect(text, Math.max(start, at - LONG_LINE_WINDOW),
                            Math.min(end, at + LONG_LINE_WINDOW), false, hits);
                }
            }
            if (hits.isEmpty()) {
                continue;
            }
            Optional<SourceSecret.Allow> allow = allowComment(text, start, end);
            // One finding per literal, however many detectors saw it; keep the variable if any named it.
            Map<String, SourceSecret.Hit> byValue = new LinkedHashMap<>();
            for (SourceSecret.Hit hit : hits) {
                byValue.merge(hit.value(), hit, (first, later) -> first.variable().isPresent() ? first
                        : new SourceSecret.Hit(first.kind(), first.description(), later.variable(), first.value()));
            }
            for (SourceSecret.Hit hit : byValue.values()) {
                found.add(new SourceSecret(file, lineNumber, hit.kind(), hit.description(), hit.variable(),
                        Secret.of(hit.value()), allow));
            }
        }
        return found;
    }

    /**
     * The lines worth a regular expression: those with a provider anchor, a {@code ://} followed by
     * an {@code @}, or an identifier that names a canonical secret ({@code authSecret}, but not
     * {@code tokenHeader}). One pass of {@link AnchorIndex} and a few byte checks per hit.
     */
    private static int[] candidateLineStarts(byte[] content) {
        IntBuffer starts = new IntBuffer();
        int[] skipUntil = {-1};
        AnchorIndex.scan(content, (anchor, at) -> {
            if (anchor.kind() == AnchorIndex.Kind.NAME && at < skipUntil[0]) {
                return;
            }
            switch (anchor.kind()) {
                case PROVIDER -> starts.add(lineStart(content, at));
                case URL -> {
                    if (hasUserInfo(content, at + URL_ANCHOR.length())) {
                        starts.add(lineStart(content, at));
                    }
                }
                case NAME -> {
                    int from = at;
                    while (from > 0 && isIdentifierByte(content[from - 1])) {
                        from--;
                    }
                    int to = at + anchor.bytes().length;
                    while (to < content.length && isIdentifierByte(content[to])) {
                        to++;
                    }
                    skipUntil[0] = to;   // one decision per identifier, however many anchors it holds
                    String identifier = new String(content, from, to - from, StandardCharsets.ISO_8859_1);
                    if (LiteralDetectors.canonicalFor(identifier).isPresent()) {
                        starts.add(lineStart(content, at));
                    }
                }
                default -> throw new IllegalStateException();
            }
        });
        return starts.sortedUnique();
    }

    private static int lineStart(byte[] content, int at) {
        int i = at;
        while (i > 0 && content[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static boolean hasUserInfo(byte[] content, int from) {
        int end = Math.min(content.length, from + MAX_USER_INFO);
        for (int i = from; i < end; i++) {
            byte c = content[i];
            if (c == '@') {
                return true;
            }
            if (c <= ' ' || c == '/' || c == '"' || c == '\'' || c == '`') {
                return false;
            }
        }
        return false;
    }

    private static boolean isIdentifierByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-' || c == '$';
    }

    /** A growable list of ints, to keep the hot path free of boxing. */
    private static final class IntBuffer {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sortedUnique() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int unique = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[unique++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, unique);
        }
    }

    private static List<Integer> anchorsWithin(String text, int start, int end) {
        String line = text.substring(start, end);
        String lower = line.toLowerCase(Locale.ROOT);
        List<Integer> at = new ArrayList<>();
        for (ProviderPattern pattern : ProviderPattern.values()) {
            addAll(line, pattern.anchor(), start, at);
        }
        addAll(line, URL_ANCHOR, start, at);
        for (String anchor : NAME_ANCHORS) {
            addAll(lower, anchor, start, at);
        }
        return at;
    }

    private static void addAll(String line, String anchor, int offset, List<Integer> at) {
        for (int i = line.indexOf(anchor); i >= 0; i = line.indexOf(anchor, i + anchor.length())) {
            at.add(offset + i);
        }
    }

    private static Optional<SourceSecret.Allow> allowComment(String text, int start, int end) {
        Optional<SourceSecret.Allow> same = allowIn(text, start, end);
        if (same.isPresent() || start == 0) {
            return same;
        }
        int previousEnd = start - 1;
        int previousStart = text.lastIndexOf('\n', previousEnd - 1) + 1;
        return allowIn(text, previousStart, previousEnd);
    }

    private static Optional<SourceSecret.Allow> allowIn(String text, int start, int end) {
        int at = text.indexOf(ALLOW_MARKER, start);
        if (at < 0 || at >= end) {
            return Optional.empty();
        }
        String reason = text.substring(at + ALLOW_MARKER.length(), end).strip();
        reason = reason.replaceFirst("^[:\\-–—]+", "").replaceFirst("(\\*/|-->|#>)\\s*$", "").strip();
        return Optional.of(new SourceSecret.Allow(reason));
    }

    private static boolean isConfigFile(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".properties") || name.endsWith(".yml") || name.endsWith(".yaml")
                || name.startsWith(".env") || name.endsWith(".env") || name.endsWith(".conf")
                || name.endsWith(".cfg") || name.endsWith(".ini") || name.endsWith(".toml");
    }

    /** Turns offsets into 1-based line numbers, counting newlines once from front to back. */
    private static final class LineCounter {
        private final byte[] content;
        private int position;
        private int line = 1;

        LineCounter(byte[] content) {
            this.content = content;
        }

        int lineOf(int offset) {
            for (int i = position; i < offset; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            position = offset;
            return line;
        }
    }

    private final class Walker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<SourceSecret> secrets = new ArrayList<>();
        private final List<SkippedFile> skipped = new ArrayList<>();
        private int files;
        private long bytes;
        private int binary;

        Walker(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && dir.getFileName() != null
                    && skippedDirectories.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;   // symbolic links (never followed), devices, pipes
            }
            String name = relative(file);
            if (attrs.size() > maxFileSize) {
                skipped.add(new SkippedFile(name, "larger than " + (maxFileSize / 1024) + " KiB"));
                return FileVisitResult.CONTINUE;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                skipped.add(new SkippedFile(name, "cannot be read (" + e.getClass().getSimpleName() + ")"));
                return FileVisitResult.CONTINUE;
            }
            if (isBinary(content)) {
                binary++;
                return FileVisitResult.CONTINUE;
            }
            files++;
            bytes += content.length;
            secrets.addAll(scanText(name, content));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.add(new SkippedFile(relative(file), "cannot be read (" + e.getClass().getSimpleName() + ")"));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                skipped.add(new SkippedFile(relative(dir), "folder cannot be listed (" + e.getClass().getSimpleName() + ")"));
            }
            return FileVisitResult.CONTINUE;
        }

        private String relative(Path file) {
            Path rel = root.relativize(file);
            String text = rel.toString().replace(file.getFileSystem().getSeparator(), "/");
            return text.isEmpty() ? "." : text;
        }
    }
}
