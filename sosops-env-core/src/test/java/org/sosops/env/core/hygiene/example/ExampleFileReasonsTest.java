package org.sosops.env.core.hygiene.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;

/** Why {@link ExampleFileCheck} flags a value, in its exact words, and what it lets pass. */
class ExampleFileReasonsTest {
    private static Optional<String> reason(String name, String value) {
        return ExampleFileCheck.reason(new VariableValue(name, value, Optional.empty()), Catalog.defaults());
    }

    @Test
    void aProviderKeyIsFlaggedWhateverTheVariable() {
        assertThat(reason("NOTES", "  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 "))
                .contains("holds what looks like a real SendGrid API key");
    }

    @Test
    void aUrlIsFlaggedOnlyForARealLookingPassword() {
        assertThat(reason("CACHE_URL", "redis://default:Zr8vQ2kL9x@cache:6379"))
                .contains("holds a URL with a real-looking password");
        assertThat(reason("DATABASE_URL", "postgresql://postgres:postgres@localhost/sos_ops_local")).isEmpty();
        assertThat(reason("AUTH_SECRET", "https://vault.example.org/v1/Zr8vQ2kL9xT4mN7pQ1wE3rT5")).isEmpty();
    }

    @Test
    void onlySecretVariablesAreJudgedByTheirRandomness() {
        assertThat(reason("AUTH_SECRET", "Zr8vQ2kL9xT4mN7pQ1wE3rT5"))
                .contains("holds a random-looking value (24 characters, 4.3 bits of entropy per character)");
        assertThat(reason("ORGANIZATION_ID", "Zr8vQ2kL9xT4mN7pQ1wE3rT5")).isEmpty();
        assertThat(reason("AUTH_SECRET", "<32-random-characters-Zr8vQ2kL9xT4>")).isEmpty();
        assertThat(reason("AUTH_SECRET", "   ")).isEmpty();
        assertThat(reason("AUTH_SECRET", "my-local-dev-secret-value")).isEmpty();
    }

    @Test
    void aTwilioTokenIsFlaggedByItsShapeOnlyWhenItLooksReal() {
        assertThat(reason("TWILIO_AUTH_TOKEN", "9405896f43fe37a3121c944d43518dc5"))
                .contains("holds what looks like a real Twilio auth token (32 hex characters)");
        assertThat(reason("TWILIO_AUTH_TOKEN", "0123456".repeat(4) + "0123")).isEmpty();
        assertThat(reason("AUTH_SECRET", "9405896f43fe37a3121c944d43518dc5")).get().asString()
                .startsWith("holds a random-looking value");
    }

    @Test
    void aPostmarkTokenIsFlaggedByItsShapeOnlyWhenItLooksReal() {
        assertThat(reason("EMAIL_API_KEY", "abcabcab-abca-bcab-cabc-abcabcabcabc")).isEmpty();
    }

    @Test
    void theMessageNamesTheVariableAndSuggestsAPlaceholderWithoutTheValue() {
        List<Finding> findings = ExampleFileCheck.check(List.of(new VariableValue("UPSTASH_REDIS_REST_TOKEN",
                "Zr8vQ2kL9xT4mN7pQ1wE3rT5", Optional.of(Location.of(".env.example", 4)))));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("UPSTASH_REDIS_REST_TOKEN holds a random-looking value (24 characters, "
                    + "4.3 bits of entropy per character); an example file takes an empty value or a placeholder such as "
                    + "<upstash-redis-rest-token>");
            assertThat(f.variable()).contains("UPSTASH_REDIS_REST_TOKEN");
            assertThat(f.location()).contains(Location.of(".env.example", 4));
        });
    }

    @Test
    void aHostCatalogDecidesWhichOfItsVariablesAreSecret(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(".env.example"), "LEDGER_KEY=Zr8vQ2kL9xT4mN7pQ1wE3rT5\n");
        Catalog catalog = Catalog.builder().variable(CatalogVariable.builder("LEDGER_KEY").secret().build()).build();

        assertThat(ExampleFileCheck.check(file, catalog)).extracting(f -> f.variable().orElseThrow())
                .containsExactly("LEDGER_KEY");
        assertThat(ExampleFileCheck.check(file)).isEmpty();
    }
}
