package org.sosops.env.cli.flags;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.entitlements.BillingReadiness;
import org.sosops.env.flags.entitlements.EntitlementResolver;
import org.sosops.env.flags.entitlements.ResolvedEntitlements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env entitlements}: entitlements as docs/flags.md describes. */
@Command(name = "entitlements", mixinStandardHelpOptions = true,
        description = "Entitlements: seat_limit from the highest layer, features united, usage_caps key by key.",
        subcommands = EntitlementsCommand.Resolve.class)
public final class EntitlementsCommand {

    /** {@code sosops-env entitlements resolve}. */
    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve one organization's entitlements from the override variables, with sources.",
                    "With --billing-readiness, check them for billing instead (exit 1 when not ready)."})
    static final class Resolve implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private FormatOption format;

        @Mixin
        private OverrideInputs inputs;

        @Option(names = "--billing-readiness",
                description = "Show the billing readiness view; exit 1 when a check fails.")
        private boolean billingReadiness;

        @Override
        public Integer call() {
            Variables variables = inputs.variables();
            EntitlementResolver resolver = EntitlementResolver.builder()
                    .environment(inputs.environment(variables))
                    .overrides(inputs.overrides(variables))
                    .build();
            PrintWriter out = spec.commandLine().getOut();
            int exit = ExitCode.CLEAN;
            if (billingReadiness) {
                BillingReadiness readiness = resolver.billingReadiness(inputs.organization);
                if (format.json()) {
                    var json = readiness.entitlements().toJsonTree();
                    json.put("ready", readiness.ready());
                    var checks = json.putArray("checks");
                    readiness.checks().forEach(c -> checks.addObject().put("name", c.name()).put("ok", c.ok())
                            .put("detail", c.detail()));
                    out.println(json.toPrettyString());
                } else {
                    out.println("billing readiness of organization " + inputs.organization + ": "
                            + (readiness.ready() ? "ready" : "NOT ready"));
                    readiness.checks().forEach(c -> out.println("  " + (c.ok() ? "ok  " : "FAIL") + "  " + c.name()
                            + ": " + c.detail()));
                }
                exit = readiness.ready() ? ExitCode.CLEAN : ExitCode.FINDINGS;
            } else {
                ResolvedEntitlements resolved = resolver.resolve(inputs.organization);
                if (format.json()) {
                    out.println(resolved.toJsonTree().toPrettyString());
                } else {
                    printText(resolved, out);
                }
            }
            out.flush();
            return exit;
        }

        private static void printText(ResolvedEntitlements e, PrintWriter out) {
            out.println("entitlements for organization " + e.organizationId().orElse("(none)") + " in " + e.environment());
            out.println("  seat_limit: " + (e.seatLimit().isPresent()
                    ? e.seatLimit().getAsLong() + " (" + e.seatLimitSource().orElseThrow() + ")" : "none"));
            out.println("  features:   " + (e.features().isEmpty() ? "none" : e.features().entrySet().stream()
                    .map(f -> f.getKey() + " (" + f.getValue() + ")").collect(Collectors.joining(", "))));
            out.println("  usage_caps: " + (e.usageCaps().isEmpty() ? "none" : e.usageCaps().entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue() + " (" + e.capSources().get(c.getKey()) + ")")
                    .collect(Collectors.joining(", "))));
        }
    }
}
