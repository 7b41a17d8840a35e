package org.sosops.env.promotion.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyLoader;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.register.RegisterException;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.ValidationReport;

/** The environment check ({@code sosops-env check}) as a checklist item: every blocking finding fails it. */
public final class EnvironmentCheckItem implements ChecklistItem {
    private final List<Path> envFiles;
    private final Optional<AppEnv> expected;
    private final Optional<Path> register;

    /**
     * @param envFiles variables read from these files (later win), then the process environment
     * @param expected the environment to validate as, when APP_ENV must agree
     * @param register the exception register, when there is one
     */
    public EnvironmentCheckItem(List<Path> envFiles, Optional<AppEnv> expected, Optional<Path> register) {
        this.envFiles = List.copyOf(envFiles);
        this.expected = expected;
        this.register = register;
    }

    @Override
    public String id() {
        return "environment";
    }

    @Override
    public ItemResult run() {
        EnvironmentPolicyLoader loader = EnvironmentPolicy.loader().envFiles(envFiles).ignoreProcessSettings();
        expected.ifPresent(loader::expectEnvironment);
        register.ifPresent(loader::register);
        ValidationReport report;
        try {
            report = loader.validate();
        } catch (DotEnvException e) {
            return new ItemResult.Errored(e.summary());
        } catch (RegisterException e) {
            return new ItemResult.Errored(e.getMessage());
        }
        String source = envFiles.isEmpty() ? "the process environment" : String.join(", ", envFiles.stream().map(Path::toString).toList());
        if (report.ok()) {
            return new ItemResult.Passed("environment check passed (" + source + ")"
                    + SecretHygieneItem.waived(report.findings()));
        }
        List<String> problems = report.blocking().stream().map(Finding::toString).toList();
        return new ItemResult.Failed(problems.size() + " environment problem" + (problems.size() == 1 ? "" : "s")
                + " (" + source + ")", problems);
    }
}
