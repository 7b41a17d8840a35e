package org.sosops.env.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.RecipientGuard;

/**
 * Two tests that can only finish if they run at the same moment (a barrier), each with its own
 * environment, plus repeated tests that must each get fresh secrets: the extension's isolation
 * under JUnit's parallel execution (enabled in this module's junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelIsolationTest {
    private static final CyclicBarrier TOGETHER = new CyclicBarrier(2);
    private static final Map<String, AppEnv> AUTH_SECRETS = new ConcurrentHashMap<>();
    private static final Set<String> REPEATED_SECRETS = ConcurrentHashMap.newKeySet();
    private static final String PROCESS_APP_ENV = String.valueOf(System.getenv("APP_ENV"));

    @Test
    @SosOpsEnvironment(AppEnv.STAGING)
    void stagingSeesOnlyItsOwnConfigurationWhileProdRuns(EnvironmentPolicy policy, RecipientGuard guard) throws Exception {
        meetTheOtherTestAndCheck(policy, guard, AppEnv.STAGING);
    }

    @Test
    @SosOpsEnvironment(value = AppEnv.PROD, set = "LOG_LEVEL=warn")
    void prodSeesOnlyItsOwnConfigurationWhileStagingRuns(EnvironmentPolicy policy, RecipientGuard guard) throws Exception {
        meetTheOtherTestAndCheck(policy, guard, AppEnv.PROD);
        assertThat(policy.value("LOG_LEVEL")).contains("warn");
    }

    @RepeatedTest(8)
    @SosOpsEnvironment(AppEnv.DEV)
    void everyRepetitionGetsFreshSecrets(SosOpsTestEnvironment env) {
        assertThat(REPEATED_SECRETS.add(env.fake().authSecret().reveal())).isTrue();
        assertThat(env.audit().events()).isEmpty();
        env.guard().checkSms("+15555550190");
        assertThat(env.audit().events()).hasSize(1);
    }

    private static void meetTheOtherTestAndCheck(EnvironmentPolicy policy, RecipientGuard guard, AppEnv expected)
            throws Exception {
        String secret = policy.secret("AUTH_SECRET").orElseThrow().reveal();
        AUTH_SECRETS.put(secret, expected);
        TOGETHER.await(60, TimeUnit.SECONDS);
        assertThat(policy.environment()).isEqualTo(expected);
        assertThat(guard.environment()).isEqualTo(expected);
        assertThat(AUTH_SECRETS).hasSize(2).containsEntry(secret, expected);
        assertThat(String.valueOf(System.getenv("APP_ENV"))).isEqualTo(PROCESS_APP_ENV);
    }
}
