package org.sosops.env.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.testing.environment.Breakage;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.time.MutableClock;

@SosOpsEnvironment(AppEnv.DEV)
class SosOpsEnvironmentExtensionTest {
    private SosOpsTestEnvironment seenInBeforeEach;

    @BeforeEach
    void remember(SosOpsTestEnvironment env) {
        seenInBeforeEach = env;
    }

    @Test
    void appliesTheClassAnnotation(AppEnv env, Variables variables) {
        assertThat(env).isEqualTo(AppEnv.DEV);
        assertThat(variables.value("APP_ENV")).contains("dev");
    }

    @Test
    @SosOpsEnvironment(value = AppEnv.PROD, clock = "2030-01-01T00:00:00Z")
    void letsAMethodAnnotationReplaceTheClassOne(AppEnv env, MutableClock clock) {
        assertThat(env).isEqualTo(AppEnv.PROD);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void givesBeforeEachAndTheTestTheSameEnvironment(SosOpsTestEnvironment env, FakeEnvironment fake) {
        assertThat(env).isSameAs(seenInBeforeEach);
        assertThat(fake).isSameAs(env.fake());
    }

    @Test
    @SosOpsEnvironment(value = AppEnv.STAGING, broken = Breakage.WEAK_AUTH_SECRET)
    void offersBrokenEnvironmentsButNoPolicyForThem(SosOpsTestEnvironment env) {
        assertThat(env.fake().validate().findings()).extracting(f -> f.rule()).contains(RuleId.SECRET_WEAK);
        assertThatThrownBy(env::policy).hasMessageContaining("broken on purpose");
        assertThat(env.guard().environment()).isEqualTo(AppEnv.STAGING);
    }

    @Test
    @SosOpsEnvironment(value = AppEnv.STAGING, set = "APP_URL=http://insecure.example.org")
    void explainsWhyAPolicyCannotBeHadWhenTheSettingsBreakIt(SosOpsTestEnvironment env) {
        assertThatThrownBy(env::policy).hasMessageContaining("do not pass validation").hasMessageContaining("APP_URL");
    }

    @Nested
    class Nested_ {
        @Test
        void inheritsTheEnclosingClassAnnotation(AppEnv env) {
            assertThat(env).isEqualTo(AppEnv.DEV);
        }
    }
}
