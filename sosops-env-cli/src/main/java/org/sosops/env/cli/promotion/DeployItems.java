package org.sosops.env.cli.promotion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.access.AdminControls;
import org.sosops.env.promotion.access.AdminControlsItem;
import org.sosops.env.promotion.access.StaffCredential;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.launch.ChecklistItem;
import org.sosops.env.promotion.launch.ItemResult;
import org.sosops.env.promotion.launch.PromotableItem;

/**
 * The launch gate's deploy-time items as the command line builds them from options and
 * variables: migrations promotable, admin and member controls, and the boolean {@code LAUNCH_*}
 * settings. Tokens and database URLs come from the environment only.
 */
final class DeployItems {
    private DeployItems() {
    }

    /** APP_ENV as the deploy's files (then the process environment) declare it; unreadable files are the environment item's to report. */
    static Optional<AppEnv> declaredEnvironment(List<Path> envFiles) {
        try {
            return EnvironmentPolicy.loader().envFiles(envFiles).ignoreProcessSettings().variables().value("APP_ENV")
                    .flatMap(AppEnv::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static ChecklistItem promotable(String fromDatabaseUrlEnv, String toDatabaseUrlEnv, Optional<Path> migrations) {
        PostgresTarget source = PostgresTarget.of(
                DatabaseUrlOption.resolve("--from-database-url-env", fromDatabaseUrlEnv, true).orElseThrow());
        PostgresTarget destination = PostgresTarget.of(
                DatabaseUrlOption.resolve("--to-database-url-env", toDatabaseUrlEnv, true).orElseThrow());
        return new PromotableItem(source, destination, migrations);
    }

    static ChecklistItem adminControls(Optional<String> base, SmokeOptions smoke) {
        if (base.isEmpty()) {
            return ChecklistItem.of("admin-controls", () -> new ItemResult.Errored("admin controls need the application:"
                    + " pass --base-url or set " + SmokeOptions.BASE_URL_SETTING));
        }
        Optional<StaffCredential> admin = credential("ADMIN");
        Optional<StaffCredential> member = credential("MEMBER");
        if (admin.isEmpty() || member.isEmpty()) {
            List<String> missing = new java.util.ArrayList<>();
            for (String role : List.of("ADMIN", "MEMBER")) {
                if ((role.equals("ADMIN") ? admin : member).isEmpty()) {
                    missing.add("a " + role.toLowerCase(Locale.ROOT) + " token (set LAUNCH_" + role + "_BEARER_TOKEN or LAUNCH_"
                            + role + "_SESSION_TOKEN)");
                }
            }
            return ChecklistItem.of("admin-controls", () -> new ItemResult.Errored("admin controls need "
                    + String.join(" and ", missing)));
        }
        AdminControls.Builder controls = AdminControls.builder(SmokeOptions.baseUri(base.get()))
                .admin(admin.get()).member(member.get()).timeout(Duration.ofMillis(smoke.timeoutMillis));
        smoke.seedList().ifPresent(seed -> {
            seed.adminOnly().ifPresent(controls::adminOnly);
            seed.member().ifPresent(controls::memberEndpoints);
        });
        return new AdminControlsItem(controls.build());
    }

    /** {@code LAUNCH_<ROLE>_BEARER_TOKEN}, else {@code LAUNCH_<ROLE>_SESSION_TOKEN} (sent as the session cookie). */
    private static Optional<StaffCredential> credential(String role) {
        return SmokeOptions.setting("LAUNCH_" + role + "_BEARER_TOKEN").map(t -> StaffCredential.bearer(Secret.of(t)))
                .or(() -> SmokeOptions.setting("LAUNCH_" + role + "_SESSION_TOKEN").map(t -> StaffCredential.session(Secret.of(t))));
    }

    /** A boolean setting: {@code true} or {@code false} (any case); unset or empty is false. */
    static boolean flag(String name) {
        Optional<String> value = SmokeOptions.setting(name);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InputException(name + " must be true or false");
    }
}
