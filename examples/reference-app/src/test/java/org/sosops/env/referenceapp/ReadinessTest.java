package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;

/** {@code GET /api/health/ready}: 200 only while the database answers; {@code /api/health} stays 200. */
class ReadinessTest {
    @TempDir
    Path dir;

    @Test
    void readinessFollowsThePostgresqlDatabase() throws Exception {
        try (StaffAppFixture dev = StaffAppFixture.start(AppEnv.DEV, dir)) {
            HttpResponse<String> up = get(dev.app, "/api/health/ready");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"ready\"").contains("\"database\":\"postgresql\"");

            dev.database.close(); // drops it, cutting every connection

            HttpResponse<String> down = get(dev.app, "/api/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(down.body()).contains("\"status\":\"unavailable\"").doesNotContain(dev.database.name());
            assertThat(get(dev.app, "/api/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutADatabaseUrlTheEmbeddedStoreIsProbed() throws Exception {
        Map<String, String> variables = TestEnvironments.local(dir);
        try (ReferenceApp app = TestEnvironments.start(variables)) {
            HttpResponse<String> ready = get(app, "/api/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\":\"embedded\"");
        }
    }

    private static HttpResponse<String> get(ReferenceApp app, String path) throws Exception {
        return ReferenceAppHttpTest.send(HttpRequest.newBuilder(app.baseUri().resolve(path)).GET());
    }
}
