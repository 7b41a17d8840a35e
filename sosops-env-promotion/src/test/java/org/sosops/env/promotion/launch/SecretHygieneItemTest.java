package org.sosops.env.promotion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretHygieneItemTest {
    private static final Path SECRETS = Path.of("..", "examples", "secrets");

    @TempDir
    Path dir;

    @Test
    void sharedSecretsRealLookingExamplesAndHardCodedSecretsFailTheItem() {
        ItemResult result = new SecretHygieneItem(
                List.of(SECRETS.resolve("env/dev.env"), SECRETS.resolve("env/staging.env"), SECRETS.resolve("env/prod.env")),
                Optional.of(SECRETS.resolve("env.example")), Optional.of(SECRETS.resolve("src")), Optional.empty()).run();

        assertThat(result).isInstanceOfSatisfying(ItemResult.Failed.class, failed -> {
            assertThat(failed.summary()).contains("3 environments compared");
            assertThat(failed.problems()).anyMatch(p -> p.contains("[secret-shared]"))
                    .anyMatch(p -> p.contains("[identity-shared]")).anyMatch(p -> p.contains("[example-secret]"))
                    .anyMatch(p -> p.contains("[hardcoded-secret]"))
                    .noneMatch(p -> p.contains("ee59dd8a09b1bf0faa5ebe16d4662ead"));
        });
    }

    @Test
    void aCleanExampleFilePasses() throws IOException {
        Path example = dir.resolve(".env.example");
        Files.writeString(example, "APP_ENV=local\nAUTH_SECRET=\nEMAIL_API_KEY=<email-api-key>\n");

        ItemResult result = new SecretHygieneItem(List.of(), Optional.of(example), Optional.empty(), Optional.empty()).run();

        assertThat(result).isInstanceOf(ItemResult.Passed.class);
    }

    @Test
    void withNothingToCheckTheItemErrorsInsteadOfPassing() {
        ItemResult result = new SecretHygieneItem(List.of(SECRETS.resolve("env/prod.env")), Optional.empty(), Optional.empty(),
                Optional.empty()).run();

        assertThat(result).isInstanceOf(ItemResult.Errored.class);
        assertThat(result.summary()).startsWith("nothing to check");
    }

    @Test
    void aMissingExampleFileErrorsNamingIt() {
        ItemResult result = new SecretHygieneItem(List.of(), Optional.of(dir.resolve("missing.env")), Optional.empty(),
                Optional.empty()).run();

        assertThat(result).isInstanceOf(ItemResult.Errored.class);
        assertThat(result.summary()).contains("missing.env");
    }
}
