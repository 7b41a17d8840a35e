package org.sosops.env.promotion.gate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sosops.env.promotion.PromotionInputException;

/**
 * The reviewed risky statements, {@code migration-safety-baseline.json}:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "entries": [
 *     {"file": "20240301_drop_legacy/migration.sql", "statement": "ALTER TABLE users DROP COLUMN legacy_id",
 *      "patterns": ["DROP COLUMN"]}
 *   ]
 * }
 * }</pre>
 *
 * <pre>{@code
 * Baseline baseline = Baseline.read(Path.of("migration-safety-baseline.json"));
 * GateReport report = MigrationGate.check(Path.of("prisma/migrations"), baseline);
 * }</pre>
 */
public final class Baseline {
    /** The file name {@code migrations check} reads when no {@code --baseline} is given. */
    public static final String DEFAULT_FILE = "migration-safety-baseline.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<BaselineEntry.Key, BaselineEntry> entries;

    private Baseline(Map<BaselineEntry.Key, BaselineEntry> entries) {
        this.entries = entries;
    }

    public static Baseline empty() {
        return new Baseline(Map.of());
    }

    public static Baseline of(Collection<BaselineEntry> entries) {
        Map<BaselineEntry.Key, BaselineEntry> map = new LinkedHashMap<>();
        for (BaselineEntry entry : entries) {
            map.merge(entry.key(), entry, (a, b) -> new BaselineEntry(a.file(), a.statement(), union(a.patterns(), b.patterns())));
        }
        return new Baseline(map);
    }

    /** A baseline recording every finding (baselined or not), as {@code migrations baseline} writes it. */
    public static Baseline fromFindings(List<MigrationFinding> findings) {
        List<BaselineEntry> list = new ArrayList<>();
        for (MigrationFinding finding : findings) {
            list.add(new BaselineEntry(finding.file(), finding.statement(), List.of(finding.pattern().label())));
        }
        return of(list);
    }

    /**
     * Reads a baseline file.
     *
     * @throws PromotionInputException when the file is missing, not UTF-8 JSON, or not a baseline
     */
    public static Baseline read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PromotionInputException(file + ": baseline file not found (create it with "
                    + "'sosops-env migrations baseline DIR --baseline " + file + "')");
        } catch (IOException e) {
            throw new PromotionInputException(file + ": cannot read the baseline (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), bytes);
    }

    /**
     * Parses the bytes of a baseline file.
     *
     * @param file names the bytes in messages
     * @throws PromotionInputException when they are not UTF-8 JSON or not a baseline
     */
    public static Baseline parse(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PromotionInputException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": corrupt baseline, not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("entries").isArray()) {
            throw corrupt(file, "expected an object with an \"entries\" array");
        }
        if (root.has("version") && root.get("version").asInt() != VERSION) {
            throw corrupt(file, "unsupported version " + root.get("version") + " (this build reads version " + VERSION + ")");
        }
        List<BaselineEntry> list = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("entries")) {
            JsonNode fileNode = node.get("file");
            JsonNode statementNode = node.get("statement");
            if (!node.isObject() || fileNode == null || !fileNode.isTextual() || statementNode == null
                    || !statementNode.isTextual() || fileNode.asText().isBlank() || statementNode.asText().isBlank()) {
                throw corrupt(file, "entry " + index + " needs a non-empty \"file\" and \"statement\"");
            }
            List<String> patterns = new ArrayList<>();
            for (JsonNode pattern : node.path("patterns")) {
                patterns.add(pattern.asText());
            }
            list.add(new BaselineEntry(fileNode.asText(), statementNode.asText(), patterns));
            index++;
        }
        return of(list);
    }

    /** Writes the baseline, entries sorted by file then statement so reviews see small diffs. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode array = root.putArray("entries");
        Map<BaselineEntry.Key, BaselineEntry> sorted = new TreeMap<>((a, b) -> a.file().equals(b.file())
                ? a.statement().compareTo(b.statement()) : a.file().compareTo(b.file()));
        sorted.putAll(entries);
        for (BaselineEntry entry : sorted.values()) {
            ObjectNode node = array.addObject();
            node.put("file", entry.file());
            node.put("statement", entry.statement());
            ArrayNode patterns = node.putArray("patterns");
            entry.patterns().forEach(patterns::add);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PromotionInputException(file + ": cannot write the baseline (" + e.getClass().getSimpleName() + ")");
        }
    }

    public boolean contains(String file, String statement) {
        return entries.containsKey(new BaselineEntry.Key(file, statement));
    }

    public List<BaselineEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** Entries no finding matches any more, in file order. */
    public List<BaselineEntry> staleAgainst(Set<BaselineEntry.Key> found) {
        return entries.values().stream().filter(e -> !found.contains(e.key())).toList();
    }

    public int size() {
        return entries.size();
    }

    private static PromotionInputException corrupt(String file, String why) {
        return new PromotionInputException(file + ": corrupt baseline, " + why);
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }
}
