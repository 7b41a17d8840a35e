package org.sosops.env.promotion.backups;

import java.util.List;
import org.sosops.env.promotion.launch.ChecklistItem;
import org.sosops.env.promotion.launch.ItemResult;

/**
 * {@code sosops-env backups check} as a launch-gate item ({@code backups}); the gate adds it for
 * prod.
 *
 * <pre>{@code
 * gate.item(new BackupsItem(BackupCheck.of(Path.of("backups"), AppEnv.PROD, Clock.systemUTC())));
 * }</pre>
 */
public final class BackupsItem implements ChecklistItem {
    private final BackupCheck check;

    public BackupsItem(BackupCheck check) {
        this.check = check;
    }

    @Override
    public String id() {
        return "backups";
    }

    @Override
    public ItemResult run() {
        BackupCheck.Result result = check.run();
        return result.ok() ? new ItemResult.Passed(result.message())
                : new ItemResult.Failed("backups behind schedule", List.of(result.message()));
    }
}
