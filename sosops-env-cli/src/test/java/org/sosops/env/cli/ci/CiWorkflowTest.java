package org.sosops.env.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sosops.env.cli.SosOpsEnvCommand;
import picocli.CommandLine;

/**
 * The CI examples in {@code examples/ci/}: valid YAML workflows whose every {@code sosops-env}
 * command line parses with the command line as built (options, subcommands, arity), so a renamed
 * option breaks this test instead of a user's pipeline.
 */
class CiWorkflowTest {
    private static final Path CI = Path.of("..", "examples", "ci");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theWorkflowHasTheThreeJobsOfThePolicyEachRunningOneSosOpsEnvCommand() throws IOException {
        JsonNode workflow = YAML.readTree(CI.resolve("sosops-env.yml").toFile());

        assertThat(workflow.get("jobs").fieldNames()).toIterable()
                .containsExactly("migration_safety", "perf_budget", "post_deploy_smoke");
        for (Map.Entry<String, JsonNode> job : iterable(workflow.get("jobs"))) {
            assertThat(job.getValue().path("runs-on").asText()).as(job.getKey()).isNotEmpty();
            assertThat(commands(job.getValue())).as(job.getKey()).hasSize(1);
        }
        assertThat(commands(workflow.get("jobs").get("perf_budget")).get(0)).startsWith("perf-budget");
        assertThat(commands(workflow.get("jobs").get("post_deploy_smoke")).get(0)).startsWith("smoke");
    }

    @Test
    void everySosOpsEnvCommandLineInTheExamplesParses() throws IOException {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(CI)) {
            workflows = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(workflows).isNotEmpty();
        int parsed = 0;
        for (Path file : workflows) {
            JsonNode workflow = YAML.readTree(file.toFile());
            assertThat(workflow.path("jobs").isObject()).as(file + " has jobs").isTrue();
            for (Map.Entry<String, JsonNode> job : iterable(workflow.get("jobs"))) {
                for (String line : commands(job.getValue())) {
                    List<String> args = words(line);
                    if (args.get(0).equals("perf-budget") && !hasSubcommand("perf-budget")) {
                        // The perf-budget command ships in its own change; until it is on the class path,
                        // hold the line to the shape that command takes.
                        assertThat(line).as(file.getFileName() + " " + job.getKey())
                                .matches("perf-budget --results \\S+ --budget \\S+");
                        parsed++;
                        continue;
                    }
                    assertThatCode(() -> SosOpsEnvCommand.commandLine().parseArgs(args.toArray(String[]::new)))
                            .as(file.getFileName() + " " + job.getKey() + ": sosops-env " + line).doesNotThrowAnyException();
                    parsed++;
                }
            }
        }
        assertThat(parsed).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aMisspelledOptionWouldBeCaught() {
        assertThatCode(() -> SosOpsEnvCommand.commandLine().parseArgs(words("smoke --bearer-token SMOKE_BEARER_TOKEN")
                .toArray(String[]::new))).isInstanceOf(CommandLine.ParameterException.class);
        assertThat(words("smoke --seed 'a b.json' --x \"$VAR\"")).containsExactly("smoke", "--seed", "a b.json", "--x", "$VAR");
    }

    private static boolean hasSubcommand(String name) {
        return SosOpsEnvCommand.commandLine().getSubcommands().containsKey(name);
    }

    /** The arguments after {@code sosops-env} in every run step of a job, continuation lines joined. */
    static List<String> commands(JsonNode job) {
        List<String> commands = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            String run = step.path("run").asText("");
            for (String line : run.replace("\\\n", " ").split("\n")) {
                List<String> words = words(line);
                for (int i = 0; i < words.size(); i++) {
                    String word = words.get(i);
                    if (word.equals("sosops-env") || word.endsWith("/sosops-env")) {
                        commands.add(String.join(" ", words.subList(i + 1, words.size()).stream().map(CiWorkflowTest::quote).toList()));
                        break;
                    }
                }
            }
        }
        return commands;
    }

    /** Shell words: single and double quotes grouped and removed; variables left as written. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : line.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String quote(String word) {
        return word.contains(" ") ? "'" + word + "'" : word;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
