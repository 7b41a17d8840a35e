package org.sosops.env.cli.promotion;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sosops.env.promotion.launch.ChecklistItem;

/**
 * Checklist items contributed from outside the promotion module, run after the environment check.
 * The secret-hygiene item ({@code sosops-env secrets}) plugs in here.
 */
final class LaunchGateItems {
    private LaunchGateItems() {
    }

    static List<ChecklistItem> extra(List<Path> envFiles, Map<String, String> environment) {
        return List.of();
    }
}
