package org.sosops.env.promotion.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.sosops.env.promotion.smoke.SmokeResult.Outcome;

class SmokeReportTest {
    private static final String BASE = "https://staging.example.org";

    private static SmokeResult passed(String name, int attempts) {
        return new SmokeResult(name, "/api/" + name, Outcome.PASSED, OptionalInt.of(200), attempts, "", false);
    }

    private static SmokeResult failed(String name, String message) {
        return new SmokeResult(name, "/api/" + name, Outcome.FAILED, OptionalInt.of(500), 1, message, false);
    }

    private static SmokeResult noAnswer(String name) {
        return new SmokeResult(name, "/api/" + name, Outcome.FAILED, OptionalInt.empty(), 2, "connection refused", true);
    }

    private static SmokeResult skipped(String name) {
        return new SmokeResult(name, "/api/" + name, Outcome.SKIPPED, OptionalInt.empty(), 0, "no token", true);
    }

    @Test
    void theTextIsOneLinePerCheckThenTheVerdict() {
        SmokeReport report = new SmokeReport(BASE, List.of(passed("health", 1), passed("ready", 2), skipped("me")));

        assertThat(report.toText()).isEqualTo(
                "passed  health                   /api/health → 200\n"
                        + "passed  ready                    /api/ready → 200 (2 attempts)\n"
                        + "skipped me                       /api/me: no token\n"
                        + "OK: smoke checks passed on " + BASE);
        assertThat(report.ok()).isTrue();
        assertThat(report.failing()).isEmpty();
    }

    @Test
    void failuresAreCountedInTheLastLine() {
        SmokeReport one = new SmokeReport(BASE, List.of(passed("health", 1), failed("ready", "expected 200")));
        assertThat(one.ok()).isFalse();
        assertThat(one.failing()).extracting(SmokeResult::name).containsExactly("ready");
        assertThat(one.toText()).endsWith("failed  ready                    /api/ready → 500: expected 200\n"
                + "1 smoke check failed on " + BASE);

        SmokeReport two = new SmokeReport(BASE, List.of(failed("health", "x"), passed("me", 1), failed("ready", "y")));
        assertThat(two.failing()).extracting(SmokeResult::name).containsExactly("health", "ready");
        assertThat(two.toText()).endsWith("\n2 smoke checks failed on " + BASE);
    }

    @Test
    void itIsUnreachableOnlyWhenNoCheckThatRanGotAnyAnswer() {
        assertThat(new SmokeReport(BASE, List.of(noAnswer("health"), skipped("me"), noAnswer("ready"))).unreachable())
                .isTrue();
        assertThat(new SmokeReport(BASE, List.of(noAnswer("health"), failed("ready", "500"))).unreachable()).isFalse();
        assertThat(new SmokeReport(BASE, List.of(skipped("me"))).unreachable()).isFalse();
        assertThat(new SmokeReport(BASE, List.of()).unreachable()).isFalse();
        assertThat(new SmokeReport(BASE, List.of(noAnswer("health"))).toText())
                .startsWith("failed  health                   /api/health (2 attempts): connection refused\n");
    }
}
