package org.sosops.env.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;

/** The start-up check finds the exception register where every command does, and applies it alike. */
class StartupRegisterTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String entry(String title, LocalDate approved, LocalDate expires) {
        return "# Risks\n\n## " + title + "\n- Rule: value-invalid\n- Environment: dev\n- Variable: LOG_LEVEL\n"
                + "- Rationale: the SMS provider's support asked for it\n- Expires: " + expires + "\n"
                + "- Rollback plan: LOG_LEVEL=info\n- Approved by: Sam Lee (" + approved + ")\n";
    }

    private EnvironmentPolicyLoader loader() {
        return EnvironmentPolicy.loader().processEnvironment(Samples.with(AppEnv.DEV, "LOG_LEVEL", "loud")).directory(dir);
    }

    @Test
    void masterBuildComesBeforeTheWorkingDirectory() throws IOException {
        assertThatThrownBy(() -> loader().load()).isInstanceOf(EnvironmentPolicyException.class);
        Files.writeString(dir.resolve("RISKS_DECISIONS.md"), entry("RD-root", TODAY, TODAY.plusDays(10)));
        assertThat(loader().load().report().findings()).singleElement()
                .satisfies(f -> assertThat(f.waiver()).hasValueSatisfying(w -> assertThat(w).contains("RD-root")));
        Files.createDirectories(dir.resolve("master_build"));
        Files.writeString(dir.resolve("master_build/RISKS_DECISIONS.md"), entry("RD-master", TODAY, TODAY.plusDays(10)));
        assertThat(loader().load().report().findings()).singleElement()
                .satisfies(f -> assertThat(f.waiver()).hasValueSatisfying(w -> assertThat(w).contains("RD-master")));
    }

    @Test
    void anEntryLongerThanNinetyDaysStopsStartUp() throws IOException {
        Files.writeString(dir.resolve("RISKS_DECISIONS.md"), entry("RD-long", TODAY, TODAY.plusDays(120)));
        assertThatThrownBy(() -> loader().load()).isInstanceOf(EnvironmentPolicyException.class)
                .hasMessageContaining("RD-long").hasMessageContaining("at most 90 days");
    }

    @Test
    void theSettingNamesAnotherFileAndIgnoringProcessSettingsIgnoresTheDefaultsToo() throws IOException {
        Files.writeString(dir.resolve("RISKS_DECISIONS.md"), entry("RD-root", TODAY, TODAY.plusDays(10)));
        Path other = Files.writeString(dir.resolve("elsewhere.md"), entry("RD-set", TODAY, TODAY.plusDays(10)));
        Map<String, String> vars = Samples.with(AppEnv.DEV, "LOG_LEVEL", "loud");
        vars.put("SOSOPS_RISKS_DECISIONS_FILE", other.toString());
        assertThat(EnvironmentPolicy.loader().processEnvironment(vars).directory(dir).load().report().findings().get(0).waiver())
                .hasValueSatisfying(w -> assertThat(w).contains("RD-set"));
        assertThatThrownBy(() -> loader().ignoreProcessSettings().load()).isInstanceOf(EnvironmentPolicyException.class);
    }
}
