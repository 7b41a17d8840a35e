package org.sosops.env.testing.junit;

import java.lang.reflect.AnnotatedElement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.recipients.Contact;
import org.sosops.env.testing.recipients.FakeAllowlists;
import org.sosops.env.testing.recipients.FakeAuthorizations;
import org.sosops.env.testing.recipients.FakeContacts;
import org.sosops.env.testing.recipients.RecordingAuditSink;
import org.sosops.env.testing.recipients.SwitchableAllowlistSource;
import org.sosops.env.testing.time.MutableClock;

/**
 * Resolves the parameters of {@link SosOpsEnvironment} tests. Each test (each invocation of a
 * repeated or parameterized test) gets its own {@link SosOpsTestEnvironment}, kept in JUnit's
 * store under the test's unique id: nothing is static, nothing global is changed, so tests may run
 * in parallel.
 */
public final class SosOpsEnvironmentExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SosOpsEnvironmentExtension.class);

    private static final Map<Class<?>, Function<SosOpsTestEnvironment, Object>> PARAMETERS = Map.of(
            SosOpsTestEnvironment.class, env -> env,
            FakeEnvironment.class, SosOpsTestEnvironment::fake,
            EnvironmentPolicy.class, SosOpsTestEnvironment::policy,
            Variables.class, env -> env.fake().variables(),
            AppEnv.class, SosOpsTestEnvironment::environment,
            MutableClock.class, SosOpsTestEnvironment::clock,
            RecipientGuard.class, SosOpsTestEnvironment::guard,
            RecordingAuditSink.class, SosOpsTestEnvironment::audit,
            FakeAuthorizations.class, SosOpsTestEnvironment::authorizations,
            SwitchableAllowlistSource.class, SosOpsTestEnvironment::allowlist);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SosOpsTestEnvironment environment = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                context.getUniqueId(), id -> create(annotation(context)), SosOpsTestEnvironment.class);
        try {
            return PARAMETERS.get(parameter.getParameter().getType()).apply(environment);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private static SosOpsEnvironment annotation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<AnnotatedElement> element = c.getElement();
            if (element.isPresent()) {
                Optional<SosOpsEnvironment> found = AnnotationSupport.findAnnotation(element.get(), SosOpsEnvironment.class);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new ExtensionConfigurationException("SosOpsEnvironmentExtension needs @SosOpsEnvironment on the test "
                + "method or class");
    }

    static SosOpsTestEnvironment create(SosOpsEnvironment settings) {
        FakeEnvironment.Builder builder = FakeEnvironment.builder(settings.value())
                .emailProvider(settings.emailProvider())
                .broken(settings.broken());
        for (String assignment : settings.set()) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException("@SosOpsEnvironment(set = ...) entries are NAME=value; got an "
                        + "entry without '='" + (equals == 0 ? " before the name" : ""));
            }
            builder.set(assignment.substring(0, equals).strip(), assignment.substring(equals + 1));
        }
        for (String name : settings.unset()) {
            builder.unset(name);
        }
        FakeEnvironment fake = builder.build();

        MutableClock clock;
        try {
            clock = MutableClock.at(Instant.parse(settings.clock()));
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException("@SosOpsEnvironment(clock = ...) must be an ISO-8601 instant "
                    + "such as 2026-11-22T09:00:00Z", e);
        }
        List<String> entries = new ArrayList<>(List.of(settings.allowlist()));
        if (settings.allowlistStaff()) {
            for (Contact staff : FakeContacts.staff()) {
                entries.add(staff.phone());
                entries.add(staff.email());
            }
        }
        SwitchableAllowlistSource allowlist = FakeAllowlists.switchable(entries.toArray(String[]::new));
        RecordingAuditSink audit = new RecordingAuditSink();

        Optional<EnvironmentPolicy> policy = Optional.empty();
        String policyProblem = "the fake " + fake.environment().id() + " environment is broken on purpose ("
                + fake.breakages() + "); use fake().validate() instead";
        if (fake.breakages().isEmpty()) {
            try {
                policy = Optional.of(fake.policy());
            } catch (EnvironmentPolicyException e) {
                policyProblem = "the test's variables do not pass validation: " + e.getMessage();
            }
        }
        RecipientGuard.Builder guard;
        if (policy.isPresent()) {
            guard = RecipientGuard.builder(policy.get());
        } else {
            guard = RecipientGuard.builder(settings.value());
            fake.secret("AUTH_SECRET").ifPresent(guard::authSecret);
        }
        guard.allowlist(allowlist).clock(clock).auditSink(audit);
        Optional<FakeAuthorizations> authorizations = fake.secret("AUTH_SECRET")
                .map(secret -> FakeAuthorizations.signedWith(secret, settings.value(), clock));
        return new SosOpsTestEnvironment(fake, clock, allowlist, audit, policy, policyProblem, guard.build(), authorizations);
    }
}
