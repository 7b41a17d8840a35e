package org.sosops.env.cli.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.cli.Main;

/** {@code webhooks verify} names options and positions in its errors, never the values typed. */
class VerifyCommandMessagesTest {
    private static final String TOKEN = "Zq8wTOKENvalue77";
    private UnaryOperator<String> previous;
    private String err;

    @BeforeEach
    void plant() {
        previous = VerifyCommand.environment;
        VerifyCommand.environment = Map.of("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100")::get;
    }

    @AfterEach
    void restore() {
        VerifyCommand.environment = previous;
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        err = e.toString();
        return code;
    }

    @Test
    void aUrlWithCredentialsThatIsNotHttpIsRefusedWithoutQuotingIt() {
        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "ftp://user:" + TOKEN + "@hooks.example.org/x")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("sosops-env webhooks verify: --url is not an absolute http(s) URL");
    }

    @Test
    void anUnparsableUrlNamesThePositionOfTheProblemNotTheUrl() {
        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "https://user:" + TOKEN + "@hooks.example.org/a b")).isEqualTo(2);
        assertThat(err).contains("--url is not a valid URL").contains("at character").doesNotContain(TOKEN);
    }

    @Test
    void aMalformedHeaderOrParamIsNamedByItsNumber() {
        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "https://hooks.example.org/x", "--header", "X-Ok: 1", "--header", "Bearer " + TOKEN)).isEqualTo(2);
        assertThat(err.strip()).endsWith("--header number 2 is not 'Name: value'").doesNotContain(TOKEN);

        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "https://hooks.example.org/x", "--param", TOKEN)).isEqualTo(2);
        assertThat(err.strip()).endsWith("--param number 1 is not NAME=VALUE").doesNotContain(TOKEN);
    }
}
