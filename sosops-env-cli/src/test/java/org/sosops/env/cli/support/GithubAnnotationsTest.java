package org.sosops.env.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Location;

/** {@code --format github}: one workflow command per finding, escaped as the Actions runner expects. */
class GithubAnnotationsTest {
    @TempDir
    Path dir;

    private static String print(ValidationReport report) {
        StringWriter out = new StringWriter();
        Annotations.of(report).print(FindingsFormat.github, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void checkPrintsAnErrorLinePerFindingWithFileLineAndRule() {
        CliRun run = CliRun.run("check", "--env-file", Path.of("..", "examples", "env", "staging.broken.env").toString(),
                "--format", "github");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("::error file=../examples/env/staging.broken.env,line=3,title=value-invalid::"
                + "(staging) APP_URL must use https in staging\n");
        assertThat(run.out().lines().filter(l -> l.startsWith("::error ")).count()).isGreaterThan(1);
        assertThat(run.out()).endsWith("problems\n");

        CliRun clean = CliRun.run("check", "--env-file", Path.of("..", "examples", "env", "staging.env").toString(),
                "--format", "github");
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).isEqualTo("sosops-env: OK\n");
    }

    @Test
    void propertiesAndMessagesCannotInjectAnotherCommandOrProperty() {
        // A file name with the property separators and a message with a line break that tries to start a new command.
        Finding hostile = Finding.error(RuleId.VALUE_INVALID, "100% wrong\r\n::error title=forged::pwned")
                .at(Location.of("dir,title=x:y/a%b.env", 7)).build();
        String line = print(ValidationReport.of(List.of(hostile)));

        assertThat(line.lines().toList()).hasSize(2);
        assertThat(line).startsWith("::error file=dir%2Ctitle=x%3Ay/a%25b.env,line=7,title=value-invalid::"
                + "100%25 wrong%0D%0A::error title=forged::pwned\n");
    }

    @Test
    void waivedFindingsAreNoticesNamingWhatWaivesThem() {
        Finding waived = Finding.error(RuleId.SECRET_WEAK, "AUTH_SECRET is a placeholder").variable("AUTH_SECRET")
                .build().waivedBy("RISKS_DECISIONS.md:5 (RD-001 placeholder)");
        Finding warning = Finding.warning(RuleId.HARDCODED_SECRET, "not scanned").build();
        String out = print(ValidationReport.of(List.of(waived, warning)));

        assertThat(out).isEqualTo("::notice title=secret-weak::AUTH_SECRET is a placeholder (waived: exception register entry "
                + "RISKS_DECISIONS.md:5 (RD-001 placeholder))\n::warning title=hardcoded-secret::not scanned\nsosops-env: OK\n");
    }

    @Test
    void migrationsCheckAnnotatesEachRiskyStatement() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("V2__drop.sql"), "SELECT 1;\nDROP TABLE contacts;\n");
        CliRun run = CliRun.run("migrations", "check", migrations.toString(), "--format", "github");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(",line=2,title=migration-risky::DROP TABLE: DROP TABLE contacts\n");
    }
}
