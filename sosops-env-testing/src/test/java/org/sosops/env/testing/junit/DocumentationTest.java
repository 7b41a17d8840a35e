package org.sosops.env.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.recipients.AllowlistSources;
import org.sosops.env.core.recipients.JdbcAllowlistSource;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.testing.environment.Breakage;

/** docs/testing.md and docs/recipients.md, held to the code. */
class DocumentationTest {
    @Test
    void theTestingExampleIsTheTestThatRunsWordForWord() throws Exception {
        String example = Files.readString(Path.of("src/test/java/com/example/reminders/ReminderSenderTest.java"));
        assertThat(Files.readString(Path.of("../docs/testing.md"))).contains(example.strip());
    }

    @Test
    void theTestingPageNamesEveryBreakage() throws Exception {
        String docs = Files.readString(Path.of("../docs/testing.md"));
        for (Breakage breakage : Breakage.values()) {
            assertThat(docs).contains("`" + breakage.name() + "`");
        }
    }

    @Test
    void theRecipientsPageNamesTheSettingsRulesAndTable() throws Exception {
        String docs = Files.readString(Path.of("../docs/recipients.md"));
        assertThat(docs).contains(AllowlistSources.VARIABLE, AllowlistSources.FILE_VARIABLE,
                RecipientGuard.REGION_VARIABLE, RecipientGuard.AUDIT_LOGGER, JdbcAllowlistSource.DEFAULT_TABLE,
                RuleId.RECIPIENT_NOT_ALLOWLISTED.id(), RuleId.RECIPIENT_UNAUTHORIZED.id());
    }
}
