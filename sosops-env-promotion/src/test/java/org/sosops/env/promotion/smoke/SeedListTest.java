package org.sosops.env.promotion.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.promotion.PromotionInputException;

/** The seed list's shapes: defaults of each key, and one message per mistake, naming the file. */
class SeedListTest {
    @TempDir
    Path dir;

    private static SeedList parse(String json) {
        return SeedList.parse("seed.json", json);
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(PromotionInputException.class).hasMessage(message);
    }

    @Test
    void aCheckDefaultsToAnAnonymousGetExpecting200AndNeedsAnOrganizationWhenItsPathNamesOne() {
        SeedList seed = parse("{\"checks\": [{\"name\": \"home\", \"path\": \"/api/home\"},"
                + " {\"name\": \"lists\", \"path\": \"/api/organizations/{organization_id}/lists\", \"auth\": true},"
                + " {\"name\": \"any\", \"path\": \"/api/any\", \"expect_status\": \"2XX\", \"organization\": true},"
                + " {\"name\": \"gone\", \"path\": \"/api/gone\", \"expect_status\": 410}]}");

        assertThat(seed.checks()).extracting(SmokeCheck::name).containsExactly("home", "lists", "any", "gone");
        SmokeCheck home = seed.checks().get(0);
        assertThat(home.method()).isEqualTo("GET");
        assertThat(home.needsToken()).isFalse();
        assertThat(home.needsOrganization()).isFalse();
        assertThat(home.expectedStatus()).isEqualTo(200);
        assertThat(seed.checks().get(1).needsToken()).isTrue();
        assertThat(seed.checks().get(1).needsOrganization()).isTrue();
        assertThat(seed.checks().get(2).expectedStatus()).isEqualTo(SmokeCheck.ANY_SUCCESS);
        assertThat(seed.checks().get(2).needsOrganization()).isTrue();
        assertThat(seed.checks().get(3).expectedStatus()).isEqualTo(410);
        assertThat(seed.skipBuiltIn()).isEmpty();
        assertThat(seed.adminOnly()).isEmpty();
        assertThat(seed.member()).isEmpty();
    }

    @Test
    void statusesRunFrom100To599() {
        assertThat(parse("{\"checks\": [{\"name\": \"a\", \"path\": \"/a\", \"expect_status\": 100}]}")
                .checks().get(0).expectedStatus()).isEqualTo(100);
        assertThat(parse("{\"checks\": [{\"name\": \"a\", \"path\": \"/a\", \"expect_status\": 599}]}")
                .checks().get(0).expectedStatus()).isEqualTo(599);
        for (String bad : new String[] {"99", "600", "\"3xx\"", "200.5"}) {
            refused("{\"checks\": [{\"name\": \"a\", \"path\": \"/a\"}, {\"name\": \"b\", \"path\": \"/b\", \"expect_status\": "
                    + bad + "}]}", "seed.json: check 1: \"expect_status\" must be an HTTP status or \"2xx\"");
        }
    }

    @Test
    void everyMistakeIsNamedWithTheFile() {
        refused("[]", "seed.json: seed list must be a JSON object");
        refused("", "seed.json: seed list must be a JSON object");
        refused("{\"checks\": {}}", "seed.json: \"checks\" must be an array");
        refused("{\"checks\": [{\"path\": \"/a\"}]}", "seed.json: check 0 needs a \"name\" and a \"path\" starting with /");
        refused("{\"checks\": [{\"name\": \" \", \"path\": \"/a\"}]}",
                "seed.json: check 0 needs a \"name\" and a \"path\" starting with /");
        refused("{\"checks\": [{\"name\": \"a\", \"path\": \"a\"}]}",
                "seed.json: check 0 needs a \"name\" and a \"path\" starting with /");
        refused("{\"skip_builtin\": \"health\"}", "seed.json: \"skip_builtin\" must be an array of strings");
        refused("{\"skip_builtin\": [\"health\", 3]}", "seed.json: \"skip_builtin\" must be an array of strings");
        refused("{\"member\": [\" \"]}", "seed.json: \"member\" must be an array of strings");
        refused("{\"admin_only\": [\"api/x\"]}", "seed.json: \"admin_only\" entries must be paths starting with /");
        assertThatThrownBy(() -> parse("{\"skip_builtin\": [\"helth\"]}")).isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith("seed.json: \"skip_builtin\" names no built-in check: helth (built-in: health, ready, ");
        assertThatThrownBy(() -> parse("{\n\"checks\": [,]}")).isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith("seed.json:2: seed list is not valid JSON (");
    }

    @Test
    void builtInsToSkipAndProbePathsAreReadStripped() {
        SeedList seed = parse("{\"skip_builtin\": [\"ready\", \"health\"], \"admin_only\": [\" /api/ops \"],"
                + " \"member\": []}");
        assertThat(seed.skipBuiltIn()).containsExactlyInAnyOrder("ready", "health");
        assertThat(seed.adminOnly()).contains(List.of("/api/ops"));
        assertThat(seed.member()).contains(List.of());
    }

    @Test
    void aFileIsReadOrNamedWhenMissing() throws Exception {
        Path file = dir.resolve("seed.json");
        java.nio.file.Files.writeString(file, "{\"checks\": [{\"name\": \"home\", \"path\": \"/api/home\"}]}");
        assertThat(SeedList.read(file)).extracting(SmokeCheck::name).containsExactly("home");
        assertThatThrownBy(() -> SeedList.load(dir.resolve("none.json"))).isInstanceOf(PromotionInputException.class)
                .hasMessage(dir.resolve("none.json") + ": seed list not found");
        assertThatThrownBy(() -> SeedList.load(dir)).isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith(dir + ": cannot read the seed list (");
        assertThat(new SeedList(List.of(), java.util.Set.of(), Optional.empty(), Optional.empty()).checks()).isEmpty();
    }
}
