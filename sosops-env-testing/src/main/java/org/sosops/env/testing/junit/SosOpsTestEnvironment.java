package org.sosops.env.testing.junit;

import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.recipients.FakeAuthorizations;
import org.sosops.env.testing.recipients.RecordingAuditSink;
import org.sosops.env.testing.recipients.SwitchableAllowlistSource;
import org.sosops.env.testing.time.MutableClock;

/**
 * Everything {@link SosOpsEnvironment} prepared for one test. The guard reads the test's allowlist
 * source, checks expiry against the test's clock, audits into the test's sink and verifies
 * authorizations signed with the test's {@code AUTH_SECRET}.
 *
 * <pre>{@code
 * @Test
 * @SosOpsEnvironment(AppEnv.PROD)
 * void example(SosOpsTestEnvironment env) {
 *     String token = env.authorizations().grant("gotv").sign();
 *     env.guard().check(Send.sms(numbers).forList("gotv").authorizedBy(token));
 * }
 * }</pre>
 */
public final class SosOpsTestEnvironment {
    private final FakeEnvironment fake;
    private final MutableClock clock;
    private final SwitchableAllowlistSource allowlist;
    private final RecordingAuditSink audit;
    private final Optional<EnvironmentPolicy> policy;
    private final String policyProblem;
    private final RecipientGuard guard;
    private final Optional<FakeAuthorizations> authorizations;

    SosOpsTestEnvironment(FakeEnvironment fake, MutableClock clock, SwitchableAllowlistSource allowlist,
                          RecordingAuditSink audit, Optional<EnvironmentPolicy> policy, String policyProblem, RecipientGuard guard,
                          Optional<FakeAuthorizations> authorizations) {
        this.fake = fake;
        this.clock = clock;
        this.allowlist = allowlist;
        this.audit = audit;
        this.policy = policy;
        this.policyProblem = policyProblem;
        this.guard = guard;
        this.authorizations = authorizations;
    }

    public AppEnv environment() {
        return fake.environment();
    }

    public FakeEnvironment fake() {
        return fake;
    }

    /**
     * The validated policy.
     *
     * @throws IllegalStateException when the test's variables do not pass validation (broken on purpose, or
     *                               by its {@code set}/{@code unset})
     */
    public EnvironmentPolicy policy() {
        return policy.orElseThrow(() -> new IllegalStateException(policyProblem));
    }

    public MutableClock clock() {
        return clock;
    }

    public SwitchableAllowlistSource allowlist() {
        return allowlist;
    }

    public RecordingAuditSink audit() {
        return audit;
    }

    public RecipientGuard guard() {
        return guard;
    }

    /**
     * Signs authorizations with this environment's {@code AUTH_SECRET}.
     *
     * @throws IllegalStateException when the environment was built without one
     */
    public FakeAuthorizations authorizations() {
        return authorizations.orElseThrow(() -> new IllegalStateException(
                "the fake " + fake.environment().id() + " environment has no AUTH_SECRET to sign with"));
    }

    @Override
    public String toString() {
        return "SosOpsTestEnvironment[" + fake + "]";
    }
}
