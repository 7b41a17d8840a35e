package org.sosops.env.cli.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.launch.ChecklistItem;
import org.sosops.env.promotion.launch.ItemResult;
import org.sosops.env.webhooks.WebhookConfigurationException;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;

/**
 * "Webhook endpoints configured" as a launch-gate item ({@code webhooks}): the application's
 * webhook guard can be built for the target environment from the deploy's variables, exactly as
 * the application builds it at start-up ({@link WebhookGuards#fromPolicy}). Validation findings
 * are the environment item's; this item judges only what the guard itself refuses (a missing
 * signing secret where verification is strict, a malformed rate limit, allowlist or alert URL).
 *
 * <p>The guard's stores are the application's to open: the item builds the guard against a
 * throw-away embedded store, so the gate never connects to (or creates tables in) the target's
 * database.
 */
final class WebhookGuardItem implements ChecklistItem {
    private final List<Path> envFiles;
    private final Optional<AppEnv> target;
    private final Map<String, String> processEnvironment;

    WebhookGuardItem(List<Path> envFiles, Optional<AppEnv> target, Map<String, String> processEnvironment) {
        this.envFiles = List.copyOf(envFiles);
        this.target = target;
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    @Override
    public String id() {
        return "webhooks";
    }

    @Override
    public ItemResult run() {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("sosops-env-webhooks-check");
        } catch (IOException e) {
            throw new PromotionInputException("cannot create a scratch directory for the webhook check (" + e.getClass().getSimpleName() + ")");
        }
        try {
            EnvironmentPolicy policy;
            try {
                var loader = EnvironmentPolicy.loader().envFiles(envFiles).processEnvironment(processEnvironment)
                        .ignoreProcessSettings().rules(RuleEngine.of(List.of()));
                target.ifPresent(loader::expectEnvironment);
                var variables = loader.variables().toBuilder().remove("DATABASE_URL")
                        .put("SOSOPS_WEBHOOK_DATA_DIR", scratch.toString()).build().toPlainMap();
                var scoped = EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings()
                        .rules(RuleEngine.of(List.of()));
                target.ifPresent(scoped::expectEnvironment);
                policy = scoped.load();
            } catch (DotEnvException e) {
                throw new PromotionInputException(e.summary());
            } catch (EnvironmentPolicyException e) {
                return new ItemResult.Failed("the webhook guard cannot be built", List.of(
                        "APP_ENV is missing or invalid: pass --target or --env, or fix APP_ENV"));
            }
            // Closed at once: the guard's embedded pool and spool flush thread must not outlive the check.
            try (WebhookGuard guard = WebhookGuards.fromPolicy(policy)) {
                return new ItemResult.Passed("webhook guard builds for " + policy.environment().id() + " ("
                        + String.join(", ", guard.paths()) + ")");
            } catch (WebhookConfigurationException e) {
                return new ItemResult.Failed("the webhook guard cannot be built for " + policy.environment().id(),
                        List.of(e.getMessage()));
            }
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover scratch directory in the temp folder is harmless.
        }
    }
}
