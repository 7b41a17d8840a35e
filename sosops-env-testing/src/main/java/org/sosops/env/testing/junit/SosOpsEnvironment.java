package org.sosops.env.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.testing.environment.Breakage;

/**
 * Gives each test its own fake configuration of one environment, without touching the process
 * environment or system properties, so tests stay isolated under parallel execution. On a class it
 * applies to every test; on a method it replaces the class's.
 *
 * <p>Test methods (and {@code @BeforeEach} methods) may declare parameters of these types, all
 * belonging to the one test: {@link SosOpsTestEnvironment}, {@code FakeEnvironment},
 * {@code EnvironmentPolicy}, {@code Variables}, {@code AppEnv}, {@code MutableClock},
 * {@code RecipientGuard}, {@code RecordingAuditSink}, {@code FakeAuthorizations},
 * {@code SwitchableAllowlistSource}.
 *
 * <pre>{@code
 * @SosOpsEnvironment(value = AppEnv.STAGING, set = "LOG_LEVEL=debug")
 * class ReminderSenderTest {
 *     @Test
 *     void refusesRealVotersFromStaging(RecipientGuard guard) {
 *         assertThat(guard.checkSms("+15555550101").allowed()).isFalse();
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SosOpsEnvironmentExtension.class)
public @interface SosOpsEnvironment {
    /** The environment to fake. */
    AppEnv value() default AppEnv.LOCAL;

    /** Variables to set or replace, as {@code NAME=value}. */
    String[] set() default {};

    /** Variables to remove. */
    String[] unset() default {};

    /** Deliberate faults; the {@code EnvironmentPolicy} parameter then cannot be resolved. */
    Breakage[] broken() default {};

    /** {@code postmark} or {@code sendgrid}. */
    String emailProvider() default "postmark";

    /** Entries of the test's allowlist (numbers in any form, addresses, {@code @domain}). */
    String[] allowlist() default {};

    /** Whether the fake staff of {@code FakeContacts.staff()} are on the allowlist too. */
    boolean allowlistStaff() default true;

    /** Where the test's {@code MutableClock} starts, ISO-8601. */
    String clock() default "2026-11-22T09:00:00Z";
}
