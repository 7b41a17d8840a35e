package org.sosops.env.referenceapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.testing.environment.FakeEnvironment;

/**
 * The application as a team runs it in a strict environment: on its own PostgreSQL database,
 * with an admin and a member token (fresh per fixture, configured only by their SHA-256), and an
 * allowlisted test recipient.
 */
final class StaffAppFixture implements AutoCloseable {
    static final String TEST_RECIPIENT = "+15555550100";

    final String adminToken = "adm-" + UUID.randomUUID();
    final String memberToken = "mem-" + UUID.randomUUID();
    final ScratchDatabase database;
    final ReferenceApp app;

    private StaffAppFixture(AppEnv environment, Path dir) throws Exception {
        database = ScratchDatabase.create("staff");
        try {
            Map<String, String> variables = new HashMap<>(FakeEnvironment.builder(environment)
                    .set("DATABASE_URL", database.databaseUrl()).set("APP_URL", "https://ops.example.org").build().asMap());
            variables.put("PORT", "0");
            variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
            variables.put("LOG_LEVEL", "warn");
            variables.put("SOSOPS_WEBHOOK_DATA_DIR", dir.resolve("data").toString());
            variables.put("SOSOPS_RECIPIENT_ALLOWLIST", TEST_RECIPIENT);
            variables.put(StaffTokens.VARIABLE, "admin:sha256:" + StaffTokens.digest(adminToken)
                    + ",member:sha256:" + StaffTokens.digest(memberToken));
            EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings()
                    .register(register(dir, environment)).load();
            app = ReferenceApp.start(policy);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    static StaffAppFixture start(AppEnv environment, Path dir) throws Exception {
        return new StaffAppFixture(environment, dir);
    }

    /** The scratch database is not the environment's own: waived through the exception register, as a team would. */
    private static Path register(Path dir, AppEnv environment) throws Exception {
        Path file = dir.resolve("RISKS_DECISIONS.md");
        LocalDate today = LocalDate.now();
        Files.writeString(file, "## TEST-1 Scratch database for this test\n\n- Rule: database-separation\n"
                + "- Environment: " + environment.id() + "\n- Rationale: a throw-away database per test run\n- Expires: "
                + today.plusDays(1) + "\n- Rollback plan: the test drops the database\n- Approved by: the test suite ("
                + today + ")\n");
        return file;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            database.close();
        }
    }
}
