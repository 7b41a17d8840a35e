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
import java.util.List;
import java.util.Optional;
import org.sosops.env.promotion.PromotionInputException;

/**
 * The application's own smoke endpoints (its seed list), declared in a JSON file:
 *
 * <pre>{@code
 * {"checks": [
 *   {"name": "dashboard", "path": "/api/dashboard", "auth": true, "expect_status": 200},
 *   {"name": "org-lists", "path": "/api/organizations/{organization_id}/lists", "auth": true, "organization": true}
 * ]}
 * }</pre>
 *
 * Checks with {@code "auth": true} run only with a bearer token; those with
 * {@code "organization": true} only with an organization id.
 */
public final class SeedList {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedList() {
    }

    /** @throws PromotionInputException when the file is missing or malformed, naming it */
    public static List<SmokeCheck> read(Path file) {
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
    public static List<SmokeCheck> parse(String file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PromotionInputException(file + ":" + e.getLocation().getLineNr() + ": seed list is not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.path("checks").isArray()) {
            throw new PromotionInputException(file + ": seed list needs a \"checks\" array");
        }
        List<SmokeCheck> checks = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("checks")) {
            String name = node.path("name").asText("");
            String path = node.path("path").asText("");
            if (name.isBlank() || !path.startsWith("/")) {
                throw new PromotionInputException(file + ": check " + index + " needs a \"name\" and a \"path\" starting with /");
            }
            checks.add(new SmokeCheck(name, path, node.path("auth").asBoolean(false),
                    node.path("organization").asBoolean(path.contains("{organization_id}")),
                    node.path("expect_status").asInt(200), Optional.empty()));
            index++;
        }
        return checks;
    }
}
