package org.sosops.env.core.hygiene.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;

/**
 * The lower-case words that make the scanner look at a line for a secret assigned by name: every
 * canonical secret's name holds {@code secret}, {@code token} or {@code api}; a host's contributed
 * secret ({@code PAYMENTS_SIGNATURE}) adds the longest word of its name, so its assignments are
 * found too.
 */
final class NameAnchors {
    static final String[] ALL = compute();

    private NameAnchors() {
    }

    private static String[] compute() {
        List<String> anchors = new ArrayList<>(List.of("secret", "token", "api"));
        for (CatalogVariable variable : Catalog.defaults().hostVariables()) {
            if (!variable.secret()) {
                continue;
            }
            String lower = variable.name().toLowerCase(Locale.ROOT);
            if (anchors.stream().anyMatch(lower::contains)) {
                continue;
            }
            java.util.Arrays.stream(lower.split("_")).filter(w -> w.length() >= 3)
                    .max(Comparator.comparingInt(String::length)).ifPresent(anchors::add);
        }
        return anchors.stream().distinct().toArray(String[]::new);
    }
}
