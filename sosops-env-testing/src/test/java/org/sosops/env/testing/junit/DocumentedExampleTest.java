package org.sosops.env.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example of docs/testing.md is this module's com.example.reminders.ReminderSenderTest, word for word. */
class DocumentedExampleTest {
    @Test
    void theDocumentedExampleIsTheTestThatRuns() throws Exception {
        String example = Files.readString(Path.of("src/test/java/com/example/reminders/ReminderSenderTest.java"));
        String docs = Files.readString(Path.of("../docs/testing.md"));
        assertThat(docs).contains(example.strip());
    }
}
