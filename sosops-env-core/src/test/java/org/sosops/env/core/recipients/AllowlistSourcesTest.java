package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

class AllowlistSourcesTest {
    private static final RecipientNormalizer US = RecipientNormalizer.forRegion("US");

    @Test
    void readsEveryEntryOfTheVariableWhateverTheSeparator() throws Exception {
        AllowlistSource source = AllowlistSources.variable(Variables.of(Map.of(AllowlistSources.VARIABLE,
                "(555) 555-0123; Ada@Example.org,\n@campaign-example.org,, ;")), US);
        Allowlist allowlist = source.current();
        assertThat(allowlist.containsPhone("+15555550123")).isTrue();
        assertThat(allowlist.containsEmail("ada@example.org")).isTrue();
        assertThat(allowlist.containsEmail("field@campaign-example.org")).isTrue();
        assertThat(allowlist.size()).isEqualTo(3);
        assertThat(source.description()).isEqualTo("variable SOSOPS_RECIPIENT_ALLOWLIST");
    }

    @Test
    void isEmptyWhenTheVariableIsUnsetOrBlank() throws Exception {
        assertThat(AllowlistSources.variable(Variables.of(Map.of()), US).current().isEmpty()).isTrue();
        assertThat(AllowlistSources.variable(Variables.of(Map.of(AllowlistSources.VARIABLE, "  ")), US).current().isEmpty())
                .isTrue();
    }

    @Test
    void namesTheVariableAndPositionOfAMalformedEntryWithoutQuotingIt() {
        Variables variables = Variables.of(Map.of(AllowlistSources.VARIABLE, "+15555550190, , ada@@example.org"));
        assertThatThrownBy(() -> AllowlistSources.variable(variables, US))
                .isInstanceOf(AllowlistException.class)
                .hasMessage("SOSOPS_RECIPIENT_ALLOWLIST: entry 2 'a***@example.org' is not a plain e-mail address");
    }

    @Test
    void namesTheFileAndLineTheVariableWasReadFrom() {
        Variables variables = Variables.builder().put(new VariableValue(AllowlistSources.VARIABLE, "ada@",
                Optional.of(Location.of(".env.staging", 4)))).build();
        assertThatThrownBy(() -> AllowlistSources.variable(variables, US))
                .hasMessage("SOSOPS_RECIPIENT_ALLOWLIST (.env.staging:4): entry 1 'a***@' is not a plain e-mail address");
    }

    @Test
    void readsAnotherNamedVariable() throws Exception {
        AllowlistSource source = AllowlistSources.variable(Variables.of(Map.of("SOSOPS_TEAM", "+15555550190")),
                "SOSOPS_TEAM", US);
        assertThat(source.current().containsPhone("+15555550190")).isTrue();
        assertThat(source.description()).isEqualTo("variable SOSOPS_TEAM");
    }

    @Test
    void readsAFileSkippingBlankLinesAndComments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("allowlist.txt"), "# staff phones\n+1 555 555 0142  # Ada\n\n   \n@example.org\n");
        AllowlistSource source = AllowlistSources.file(file, US);
        assertThat(source.current().containsPhone("+15555550142")).isTrue();
        assertThat(source.current().containsEmail("anyone@example.org")).isTrue();
        assertThat(source.current().size()).isEqualTo(2);
        assertThat(source.description()).isEqualTo("file " + file);
    }

    @Test
    void namesTheFileAndLineOfAMalformedEntry(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("allowlist.txt"), "+15555550190\n# a comment\nnot a number 12 # typo\n");
        assertThatThrownBy(() -> AllowlistSources.file(file, US))
                .isInstanceOf(AllowlistException.class)
                .hasMessage(file + ":3: allowlist entry '" + "*".repeat(13) + "12' is not a phone number (region US is assumed "
                        + "without a +country prefix)");
    }

    @Test
    void namesAMissingOrUnreadableFile(@TempDir Path dir) {
        assertThatThrownBy(() -> AllowlistSources.file(dir.resolve("nope.txt"), US))
                .isInstanceOf(AllowlistException.class)
                .hasMessage("allowlist file " + dir.resolve("nope.txt") + " does not exist");
        assertThatThrownBy(() -> AllowlistSources.file(dir, US))
                .isInstanceOf(AllowlistException.class)
                .hasMessageStartingWith("allowlist file " + dir + " cannot be read: ")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aFixedSourceAnswersItsListAndDescription() throws Exception {
        Allowlist allowlist = Allowlist.builder(US).add("+15555550190").build();
        AllowlistSource source = AllowlistSources.of(allowlist, "staff list");
        assertThat(source.current()).isSameAs(allowlist);
        assertThat(source.description()).isEqualTo("staff list");
    }
}
