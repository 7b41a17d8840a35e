package org.sosops.env.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.Variables;

class RuleEngineTest {
    private static RuleContext context(Map<String, String> vars) {
        return new RuleContext(Optional.of(AppEnv.LOCAL), Variables.of(vars), Clock.systemUTC());
    }

    @Test
    void discoversRulesThatOtherModulesListAsServices() {
        RuleEngine engine = RuleEngine.discover();
        assertThat(engine.rules()).hasAtLeastOneElementOfType(ContributedRuleForTests.class);
        assertThat(engine.rules().subList(0, 7)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("AppEnvRule", "ProvidersRule", "RequiredVariablesRule", "FormatRule",
                        "DatabaseSeparationRule", "TwilioSigningSecretRule", "PoolSizeRule");
        assertThat(engine.rules()).filteredOn(r -> r.getClass().getSimpleName().equals("FormatRule")).hasSize(1);
    }

    @Test
    void aLoaderThatCannotSeeTheCoresServiceFileStillGetsTheBuiltinRules() throws Exception {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(RuleEngine.discover(blind).rules()).extracting(r -> r.getClass().getName())
                    .containsExactlyElementsOf(RuleEngine.builtin().rules().stream().map(r -> r.getClass().getName()).toList());
        }
    }

    @Test
    void theCoresLoaderFindsEachBuiltinRuleOnceAndTheContributedOnesAfterThem() {
        List<Rule> rules = RuleEngine.discover(RuleEngine.class.getClassLoader()).rules();
        int builtin = RuleEngine.builtin().rules().size();
        assertThat(rules.subList(0, builtin)).extracting(r -> r.getClass().getPackageName())
                .containsOnly("org.sosops.env.core.rules.builtin");
        assertThat(rules.subList(builtin, rules.size())).hasAtLeastOneElementOfType(ContributedRuleForTests.class)
                .noneMatch(r -> r.getClass().getPackageName().equals("org.sosops.env.core.rules.builtin"));
    }

    @Test
    void theBuiltinEngineLeavesContributedRulesOut() {
        assertThat(RuleEngine.builtin().rules()).hasSize(7).noneMatch(ContributedRuleForTests.class::isInstance);
    }

    @Test
    void collectsTheFindingsOfEveryRuleInRuleOrder() {
        Rule first = (ctx, findings) -> findings.accept(Finding.error(RuleId.VALUE_INVALID, "first").build());
        Rule second = (ctx, findings) -> {
            findings.accept(Finding.warning(RuleId.SECRET_WEAK, "second").build());
            findings.accept(Finding.error(RuleId.SECRET_WEAK, "third").build());
        };
        ValidationReport report = RuleEngine.of(List.of(first)).with(second).evaluate(context(Map.of()));
        assertThat(report.findings()).extracting(Finding::message).containsExactly("first", "second", "third");
    }

    @Test
    void warningsAndWaivedErrorsDoNotBlock() {
        Finding warning = Finding.warning(RuleId.SECRET_WEAK, "w").build();
        Finding error = Finding.error(RuleId.VALUE_INVALID, "e").build();
        assertThat(ValidationReport.of(List.of(warning)).ok()).isTrue();
        assertThat(ValidationReport.of(List.of(warning, error)).ok()).isFalse();
        assertThat(ValidationReport.of(List.of(warning, error.waivedBy("RISKS_DECISIONS.md:3 (RD-1)"))).ok()).isTrue();
    }

    @Test
    void readsAsOneLinePerFindingAndAVerdict() {
        Finding located = Finding.error(RuleId.VALUE_INVALID, "LOG_LEVEL must be one of trace, debug, info, warn, error")
                .variable("LOG_LEVEL").environment(AppEnv.DEV).at(Location.of("dev.env", 5)).build();
        Finding waived = Finding.error(RuleId.SECRET_WEAK, "AUTH_SECRET is a placeholder, not a real secret")
                .environment("dev").build().waivedBy("RISKS_DECISIONS.md:3 (RD-1)");
        assertThat(ValidationReport.of(List.of(located, waived)).toText()).isEqualTo("""
                dev.env:5: error [value-invalid] (dev) LOG_LEVEL must be one of trace, debug, info, warn, error
                error [secret-weak] (dev) AUTH_SECRET is a placeholder, not a real secret (waived by RISKS_DECISIONS.md:3 (RD-1))
                1 problem (1 waived)""");
        assertThat(ValidationReport.of(List.of()).toText()).isEqualTo("OK");
    }

    @Test
    void ruleIdsAreTheContractSpellings() {
        assertThat(RuleId.values()).extracting(RuleId::id).containsExactly("app-env-invalid", "required-missing",
                "value-invalid", "secret-weak", "database-separation", "secret-shared", "identity-shared",
                "example-secret", "hardcoded-secret", "recipient-not-allowlisted", "recipient-unauthorized",
                "migration-risky");
        assertThat(RuleId.fromId("secret-weak")).contains(RuleId.SECRET_WEAK);
        assertThat(RuleId.fromId("SECRET_WEAK")).isEmpty();
    }
}
