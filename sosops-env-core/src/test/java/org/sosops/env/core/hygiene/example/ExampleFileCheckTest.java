package org.sosops.env.core.hygiene.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

class ExampleFileCheckTest {
    private static final Path SAMPLE = Path.of("../examples/secrets/env.example");

    @Test
    void theSampleExampleFileReportsExactlyItsFiveRealLookingSecrets() {
        List<Finding> findings = ExampleFileCheck.check(SAMPLE);

        assertThat(findings).extracting(f -> f.rule(), f -> f.variable().orElseThrow(),
                        f -> f.location().orElseThrow().line().getAsInt())
                .containsExactly(
                        tuple(RuleId.EXAMPLE_SECRET, "TWILIO_AUTH_TOKEN", 19),
                        tuple(RuleId.EXAMPLE_SECRET, "EMAIL_API_KEY", 20),
                        tuple(RuleId.EXAMPLE_SECRET, "UPSTASH_REDIS_REST_TOKEN", 21),
                        tuple(RuleId.EXAMPLE_SECRET, "BLOB_READ_WRITE_TOKEN", 22),
                        tuple(RuleId.EXAMPLE_SECRET, "SMTP_URL", 23));
    }

    @Test
    void noFindingQuotesTheValueItFlags() {
        List<VariableValue> entries = DotEnvReader.read(SAMPLE);
        for (Finding finding : ExampleFileCheck.check(SAMPLE)) {
            String value = entries.stream().filter(e -> e.name().equals(finding.variable().orElseThrow()))
                    .findFirst().orElseThrow().value();
            assertThat(finding.toString()).doesNotContain(value);
        }
    }

    @Test
    void postmarkUuidTokensCountOnlyInEmailApiKey() {
        List<Finding> findings = ExampleFileCheck.check(List.of(
                new VariableValue("EMAIL_API_KEY", "b823132e-336c-45fd-a914-19e327392660", java.util.Optional.empty()),
                new VariableValue("ORGANIZATION_ID", "d29a6ab8-d1df-404d-a803-2c5a3776dc74", java.util.Optional.empty()),
                new VariableValue("EMAIL_WEBHOOK_SIGNING_SECRET", "00000000-0000-0000-0000-000000000000",
                        java.util.Optional.empty())));

        assertThat(findings).extracting(f -> f.variable().orElseThrow()).containsExactly("EMAIL_API_KEY");
        assertThat(findings.get(0).message()).contains("Postmark server token");
    }

    @Test
    void aMalformedExampleFileIsAnInputErrorNamingTheLine() {
        assertThatThrownBy(() -> ExampleFileCheck.check(Path.of("../examples/env/malformed.env")))
                .isInstanceOf(DotEnvException.class).hasMessageContaining("malformed.env:3");
    }
}
