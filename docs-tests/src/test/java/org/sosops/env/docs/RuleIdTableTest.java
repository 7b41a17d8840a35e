package org.sosops.env.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.rules.RuleId;

/** The rule-id table of docs/cli.md is the rule-id catalog, row for row. */
class RuleIdTableTest {
    @Test
    void theDocumentedRuleIdsAreExactlyTheCatalogWithItsDescriptions() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "cli.md"));
        int start = lines.indexOf("## Rule ids");
        assertThat(start).as("docs/cli.md has a '## Rule ids' section").isNotNegative();
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| `")) {
                rows.add(line.replace("&lt;", "<").replace("&gt;", ">").replace("\\|", "|"));
            }
        }
        assertThat(rows).containsExactlyElementsOf(Arrays.stream(RuleId.values())
                .map(r -> "| `" + r.id() + "` | " + r.description() + " |").toList());
    }
}
