package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.promotion.smoke.SeedList;
import org.sosops.env.promotion.smoke.SmokeConfig;
import org.sosops.env.promotion.smoke.SmokeReport;
import org.sosops.env.promotion.smoke.SmokeRunner;

/** The post-deploy smoke checks, with the application's seed list, pass against it and fail once it stops. */
class SmokeChecksTest {

    @Test
    void theSmokeChecksPassAgainstTheRunningApplicationAndFailOnceItIsStopped(@TempDir Path dataDir) throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"new_inbox\": true}}");
        ReferenceApp app = TestEnvironments.start(variables);
        SmokeConfig config = SmokeConfig.builder(app.baseUri())
                .organizationId("org_123")
                .expectEnvironment("local")
                .attempts(1)
                .timeout(Duration.ofSeconds(5))
                .seed(SeedList.load(Path.of("smoke-seed.json")))
                .build();

        SmokeReport running;
        try {
            running = SmokeRunner.create().run(config);
        } finally {
            app.close();
        }
        SmokeReport stopped = SmokeRunner.create().run(config);

        assertThat(running.ok()).as(running.toText()).isTrue();
        assertThat(running.results()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(stopped.ok()).isFalse();
    }
}
