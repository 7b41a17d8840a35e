package org.sosops.env.promotion.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.promotion.PromotionInputException;

/**
 * The application's own smoke list (its seed list), declared in a JSON file. Every key is
 * optional:
 *
 * <pre>{@code
 * {"checks": [
 *   {"name": "dashboard", "path": "/api/dashboard", "auth": true, "expect_status": 200},
 *   {"name": "org-lists", "path": "/api/organizations/{organization_id}/lists", "auth": true, "organization": true}
 * ],
 *  "skip_builtin": ["renewal-value-report"],
 *  "admin_only": ["/api/dashboard/ops/incidents"],
 *  "member": ["/api/dashboard/home"]}
 * }</pre>
 *
 * {@code checks} run after the built-in ones ({@link SmokeCheck#builtIns()}); those with
 * {@code "auth": true} run only with a bearer token, those with {@code "organization": true} only
 * with an organization id; {@code "expect_status": "2xx"} accepts any success. {@code skip_builtin}
 * names built-in checks the application does not serve. {@code admin_only} and {@code member}
 * replace the endpoints the admin-controls validation probes.
 *
 * <pre>{@code
 * SeedList seed = SeedList.load(Path.of("smoke-seed.json"));
 * }</pre>
 */
public record SeedList(List<SmokeCheck> checks, Set<String> skipBuiltIn, Optional<List<String>> adminOnly,
                       Optional<List<String>> member) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SeedList {
        checks = List.copyOf(checks);
        skipBuiltIn = Set.copyOf(skipBuiltIn);
        adminOnly = adminOnly.map(List::copyOf);
        member = member.map(List::copyOf);
    }

    /** Only the file's own checks. */
    public static List<SmokeCheck> read(Path file) {
        return load(file).checks();
    }

    /** @throws PromotionInputException when the file is missing or malformed, naming it */
    public static SeedList load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PromotionInputException(file + ": seed list not found");
        } catch (IOException e) {
            throw new PromotionInputException(file + ": cannot read the seed list (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses the text of a seed list.
     *
     * @param file names the text in messages
     * @throws PromotionInputException when it is malformed, naming the file
     */
    public static SeedList parse(String file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PromotionInputException(file + ":" + e.getLocation().getLineNr() + ": seed list is not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new PromotionInputException(file + ": seed list must be a JSON object");
        }
        if (root.has("checks") && !root.get("checks").isArray()) {
            throw new PromotionInputException(file + ": \"checks\" must be an array");
        }
        List<SmokeCheck> checks = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("checks")) {
            String name = node.path("name").asText("");
            String path = node.path("path").asText("");
            if (name.isBlank() || !path.startsWith("/")) {
                throw new PromotionInputException(file + ": check " + index + " needs a \"name\" and a \"path\" starting with /");
            }
            JsonNode expect = node.path("expect_status");
            int status;
            if (expect.isMissingNode()) {
                status = 200;
            } else if (expect.isInt() && expect.asInt() >= 100 && expect.asInt() <= 599) {
                status = expect.asInt();
            } else if (expect.isTextual() && expect.asText().equalsIgnoreCase("2xx")) {
                status = SmokeCheck.ANY_SUCCESS;
            } else {
                throw new PromotionInputException(file + ": check " + index + ": \"expect_status\" must be an HTTP status or \"2xx\"");
            }
            checks.add(new SmokeCheck(name, path, node.path("auth").asBoolean(false),
                    node.path("organization").asBoolean(path.contains("{organization_id}")), status, Optional.empty()));
            index++;
        }
        Set<String> known = new HashSet<>();
        SmokeCheck.builtIns().forEach(c -> known.add(c.name()));
        Set<String> skip = new HashSet<>(strings(file, root, "skip_builtin").orElse(List.of()));
        for (String name : skip) {
            if (!known.contains(name)) {
                throw new PromotionInputException(file + ": \"skip_builtin\" names no built-in check: " + name
                        + " (built-in: " + String.join(", ", SmokeCheck.builtIns().stream().map(SmokeCheck::name).toList()) + ")");
            }
        }
        return new SeedList(checks, skip, paths(file, root, "admin_only"), paths(file, root, "member"));
    }

    private static Optional<List<String>> paths(String file, JsonNode root, String key) {
        Optional<List<String>> paths = strings(file, root, key);
        paths.ifPresent(list -> list.stream().filter(p -> !p.startsWith("/")).findFirst().ifPresent(p -> {
            throw new PromotionInputException(file + ": \"" + key + "\" entries must be paths starting with /");
        }));
        return paths;
    }

    private static Optional<List<String>> strings(String file, JsonNode root, String key) {
        if (!root.has(key)) {
            return Optional.empty();
        }
        JsonNode node = root.get(key);
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode value : node) {
                if (value.isTextual() && !value.asText().isBlank()) {
                    values.add(value.asText().strip());
                } else {
                    node = null;
                    break;
                }
            }
        }
        if (node == null || !node.isArray()) {
            throw new PromotionInputException(file + ": \"" + key + "\" must be an array of strings");
        }
        return Optional.of(values);
    }
}
