package org.sosops.env.promotion.access;

import org.sosops.env.promotion.launch.ChecklistItem;
import org.sosops.env.promotion.launch.ItemResult;

/**
 * The admin/member controls validation as a launch-gate item ({@code admin-controls}): any probe
 * that does not answer as expected fails it, each problem naming endpoint, caller and status.
 *
 * <pre>{@code
 * gate.item(new AdminControlsItem(AdminControls.builder(uri).admin(a).member(m).build()));
 * }</pre>
 */
public final class AdminControlsItem implements ChecklistItem {
    private final AdminControls controls;

    public AdminControlsItem(AdminControls controls) {
        this.controls = controls;
    }

    @Override
    public String id() {
        return "admin-controls";
    }

    @Override
    public ItemResult run() {
        AdminControlsReport report = controls.run();
        if (report.ok()) {
            return new ItemResult.Passed("admin and member controls hold (" + report.probes().size() + " probes on "
                    + report.baseUrl() + ")");
        }
        return new ItemResult.Failed(report.failing().size() + " of " + report.probes().size()
                + " admin/member control probes failed on " + report.baseUrl(),
                report.failing().stream().map(AdminControlsReport.Probe::describe).toList());
    }
}
