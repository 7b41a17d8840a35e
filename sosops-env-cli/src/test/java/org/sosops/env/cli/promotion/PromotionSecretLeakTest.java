package org.sosops.env.cli.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;

/**
 * The promotion commands in a fresh JVM with planted secrets in every variable they read —
 * database passwords, staff tokens, the ledger's URL — driven down their failure paths
 * (unreachable databases and application, a refused prod restore, wrong tokens). Standard output
 * and standard error, where the logs go, must hold none of them.
 */
class PromotionSecretLeakTest {
    private static final String STAGING_PASSWORD = "Pl4nted-Staging-Pw-7001";
    private static final String PROD_PASSWORD = "Pl4nted-Prod-Pw-7002";
    private static final String LEDGER_PASSWORD = "Pl4nted-Ledger-Pw-7003";
    private static final String ADMIN_TOKEN = "Pl4nted-Admin-Token-7004";
    private static final String MEMBER_TOKEN = "Pl4nted-Member-Session-7005";
    private static final String SMOKE_TOKEN = "Pl4nted-Smoke-Token-7006";
    private static final List<String> PLANTED = List.of(STAGING_PASSWORD, PROD_PASSWORD, LEDGER_PASSWORD, ADMIN_TOKEN,
            MEMBER_TOKEN, SMOKE_TOKEN);

    @TempDir
    Path dir;

    @Test
    void noPlantedSecretAppearsOnAnyFailurePath() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "postgresql://ops:" + PROD_PASSWORD + "@127.0.0.1:" + closed + "/sos_ops_prod",
                "STAGING_DATABASE_URL", "postgresql://ops:" + STAGING_PASSWORD + "@127.0.0.1:" + closed + "/sos_ops_staging",
                "SOSOPS_PROMOTION_LEDGER_URL", "postgresql://ops:" + LEDGER_PASSWORD + "@127.0.0.1:" + closed + "/ledger",
                "LAUNCH_ADMIN_BEARER_TOKEN", ADMIN_TOKEN,
                "LAUNCH_MEMBER_SESSION_TOKEN", MEMBER_TOKEN,
                "LAUNCH_VALIDATE_ADMIN_CONTROLS", "true",
                "LAUNCH_POST_DEPLOY_SMOKE", "true",
                "SMOKE_BASE_URL", "http://127.0.0.1:" + closed,
                "SMOKE_TOKEN", SMOKE_TOKEN,
                "SOSOPS_DEBUG", "1");
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        Files.write(backups.resolve("nightly.sql.gz"), new byte[] {0x1f, (byte) 0x8b, 0x08});
        Path migrations = dir.resolve("migrations");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE t (a int);");
        StringBuilder everything = new StringBuilder();

        for (List<String> args : List.of(
                List.of("restore", "--backups", backups.toString()),
                List.of("restore", "--backups", backups.toString(), "--allow-prod"),
                List.of("migrations", "promotable", "--from-database-url-env", "STAGING_DATABASE_URL", "--format", "json"),
                List.of("smoke", "--bearer-token-env", "SMOKE_TOKEN", "--attempts", "1", "--record", "--commit",
                        "9b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b", "--environment", "staging"),
                List.of("smoke", "--bearer-token-env", "SMOKE_TOKEN", "--attempts", "1", "--format", "json"),
                List.of("launch-gate", "--env-file", Path.of("..", "examples", "env", "prod.env").toString(),
                        "--migrations", migrations.toString(), "--target", "prod", "--commit",
                        "9b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b", "--branch", "prod", "--tag", "v1",
                        "--from-database-url-env", "STAGING_DATABASE_URL", "--bearer-token-env", "SMOKE_TOKEN",
                        "--attempts", "1", "--backups", backups.toString()),
                List.of("migrations", "promotable", "--from-database-url-env",
                        "postgresql://ops:" + STAGING_PASSWORD + "@db/sos_ops_staging"))) {
            CliRun run = CliRun.runInNewJvm(environment, args.toArray(String[]::new));
            assertThat(run.code()).as(String.join(" ", args) + "\n" + run.all()).isIn(1, 2);
            everything.append(run.all());
        }

        assertThat(everything).contains("cannot use database").contains("cannot reach");
        for (String secret : PLANTED) {
            assertThat(everything.toString()).as("a planted secret leaked").doesNotContain(secret);
        }
    }
}
