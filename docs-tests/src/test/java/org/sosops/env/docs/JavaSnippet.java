package org.sosops.env.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```java} blocks of a Markdown file, each with the hidden context written in an HTML
 * comment right before it (blank lines between allowed):
 *
 * <pre>
 * &lt;!-- java-context
 * import java.math.BigDecimal;
 * javax.sql.DataSource dataSource;
 * String organizationId;
 * --&gt;
 * </pre>
 *
 * Lines starting with {@code import} are imports; every other line declares a field the snippet
 * may use as a variable it was handed. Readers never see the comment.
 */
record JavaSnippet(Path file, int line, String code, List<String> imports, List<String> fields) {
    private static final Pattern CONTEXT = Pattern.compile("<!--\\s*java-context\\s*\\n(.*?)-->\\s*$", Pattern.DOTALL);

    static List<JavaSnippet> in(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JavaSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            List<String> imports = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            context(lines, i).ifPresent(text -> text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
                if (l.startsWith("import ")) {
                    imports.add(l);
                } else {
                    fields.add(l.endsWith(";") ? l : l + ";");
                }
            }));
            snippets.add(new JavaSnippet(file, start + 1, String.join("\n", lines.subList(start, end)), imports, fields));
            i = end;
        }
        return snippets;
    }

    /** The comment that ends on the last non-blank line before the fence, if it is a java-context comment. */
    private static java.util.Optional<String> context(List<String> lines, int fence) {
        int last = fence - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (last < 0 || !lines.get(last).strip().endsWith("-->")) {
            return java.util.Optional.empty();
        }
        int first = last;
        while (first >= 0 && !lines.get(first).contains("<!--")) {
            first--;
        }
        if (first < 0) {
            return java.util.Optional.empty();
        }
        Matcher m = CONTEXT.matcher(String.join("\n", lines.subList(first, last + 1)));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
