package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.testsupport.CuttableProxy;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.testing.environment.FakeEnvironment;

/**
 * PostgreSQL cut under a running application (its connections go through a proxy that the test
 * cuts): in staging the guard answers 503 with Retry-After and handles nothing; with
 * {@code SOSOPS_WEBHOOK_STORE_FAILURE=accept} it handles the genuine callback and says so in the log.
 */
class StoreOutageHttpTest {
    @TempDir
    Path dir;
    private ScratchDatabase database;
    private CuttableProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        database = ScratchDatabase.create("outage");
        proxy = new CuttableProxy(URI.create(database.jdbcUrl().substring("jdbc:".length())).getPort());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        database.close();
    }

    private FakeEnvironment environment(AppEnv env) {
        String viaProxy = database.databaseUrl().replaceFirst(":\\d+/", ":" + proxy.port() + "/");
        return FakeEnvironment.builder(env).set("DATABASE_URL", viaProxy).set("APP_URL", GuardAttacksHttpTest.APP_URL).build();
    }

    @Test
    void withPostgresqlCutStagingAnswers503WithRetryAfterAndHandlesNothing() throws Exception {
        FakeEnvironment staging = environment(AppEnv.STAGING);
        try (ReferenceApp app = GuardAttacksHttpTest.start(staging, dir.resolve("s"), Map.of())) {
            assertThat(GuardAttacksHttpTest.post(app, GuardAttacksHttpTest.STATUS,
                    GuardAttacksHttpTest.status(staging, "SM" + "6".repeat(32)), Map.of()).statusCode()).isEqualTo(200);

            proxy.cut();
            HttpResponse<String> answer = GuardAttacksHttpTest.post(app, GuardAttacksHttpTest.STATUS,
                    GuardAttacksHttpTest.status(staging, "SM" + "7".repeat(32)), Map.of());

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.body()).isEqualTo("store-unavailable");
            assertThat(app.handledWebhooks(GuardAttacksHttpTest.STATUS)).isEqualTo(1);

            proxy.restore();
            // The pool drops the connections the cut killed as it meets them: the provider's retry succeeds soon.
            int status = 0;
            for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
                status = GuardAttacksHttpTest.post(app, GuardAttacksHttpTest.STATUS,
                        GuardAttacksHttpTest.status(staging, "SM" + "7".repeat(32)), Map.of()).statusCode();
                if (status != 200) {
                    assertThat(status).isEqualTo(503);
                    Thread.sleep(250);
                }
            }
            assertThat(status).isEqualTo(200);
            assertThat(app.handledWebhooks(GuardAttacksHttpTest.STATUS)).isEqualTo(2);
        }
    }

    @Test
    void withPostgresqlCutAndTheAcceptPolicyTheGenuineCallbackIsHandled() throws Exception {
        FakeEnvironment staging = environment(AppEnv.STAGING);
        try (ReferenceApp app = GuardAttacksHttpTest.start(staging, dir.resolve("a"),
                Map.of("SOSOPS_WEBHOOK_STORE_FAILURE", "accept"))) {
            proxy.cut();

            HttpResponse<String> answer = GuardAttacksHttpTest.post(app, GuardAttacksHttpTest.STATUS,
                    GuardAttacksHttpTest.status(staging, "SM" + "8".repeat(32)), Map.of());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ok");
            assertThat(app.handledWebhooks(GuardAttacksHttpTest.STATUS)).isEqualTo(1);
        }
    }

    @Test
    void theResolvedFlagsNeedAStaffTokenInStaging() throws Exception {
        FakeEnvironment staging = environment(AppEnv.STAGING);
        try (ReferenceApp app = GuardAttacksHttpTest.start(staging, dir.resolve("f"), Map.of())) {
            var anonymous = java.net.http.HttpRequest.newBuilder(app.baseUri().resolve("/api/dashboard/feature-flags/resolved"));
            assertThat(ReferenceAppHttpTest.send(anonymous).statusCode()).isEqualTo(401);
            var member = java.net.http.HttpRequest.newBuilder(app.baseUri().resolve("/api/dashboard/feature-flags/resolved"))
                    .header("Authorization", "Bearer " + GuardAttacksHttpTest.MEMBER_TOKEN);
            assertThat(ReferenceAppHttpTest.send(member).statusCode()).isEqualTo(200);
        }
    }
}
