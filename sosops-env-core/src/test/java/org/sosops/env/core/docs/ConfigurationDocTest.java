package org.sosops.env.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.CanonicalVariable;

/** docs/configuration.md cannot drift from the catalog: its table is compared with the code. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String HEADER = "| variable | secret | required in | provider | format |";

    record Row(String variable, String secret, String requiredIn, String provider, String format) {
    }

    private static List<Row> documentedRows() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(HEADER);
        assertThat(start).as("the table header of " + DOC).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            assertThat(cells).as("line " + (i + 1)).hasSize(7);
            rows.add(new Row(cells[1].strip().replace("`", ""), cells[2].strip(), cells[3].strip(), cells[4].strip(),
                    cells[5].strip()));
        }
        return rows;
    }

    private static List<Row> catalogRows() {
        return Arrays.stream(CanonicalVariable.values())
                .map(v -> new Row(v.name(), v.isSecret() ? "yes" : "no", v.requirement().label(), v.providerLabel(), v.format()))
                .toList();
    }

    @Test
    void theDocumentedTableIsTheCatalog() throws IOException {
        assertThat(documentedRows()).containsExactlyElementsOf(catalogRows());
    }
}
