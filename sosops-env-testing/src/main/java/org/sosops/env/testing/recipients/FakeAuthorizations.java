package org.sosops.env.testing.recipients;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.DataLabel;
import org.sosops.env.core.recipients.StaffAuthorization;
import org.sosops.env.core.recipients.StaffAuthorizations;
import org.sosops.env.core.secret.Secret;

/**
 * Signs staff authorizations for tests with a fake environment's {@code AUTH_SECRET}, and makes
 * the bad ones a guard must refuse: forged (another secret), tampered, expired.
 *
 * <pre>{@code
 * FakeAuthorizations authorizations = FakeAuthorizations.signedWith(env.authSecret(), AppEnv.STAGING, clock);
 * String token = authorizations.grant("gotv-test").maxRecipients(100).label(DataLabel.TEST_DATA).sign();
 * }</pre>
 */
public final class FakeAuthorizations {
    private final StaffAuthorizations signer;
    private final AppEnv environment;
    private final Clock clock;

    private FakeAuthorizations(StaffAuthorizations signer, AppEnv environment, Clock clock) {
        this.signer = signer;
        this.environment = environment;
        this.clock = clock;
    }

    public static FakeAuthorizations signedWith(Secret authSecret, AppEnv environment, Clock clock) {
        return new FakeAuthorizations(StaffAuthorizations.withAuthSecret(authSecret),
                Objects.requireNonNull(environment, "environment"), Objects.requireNonNull(clock, "clock"));
    }

    /** A grant for this list, valid for an hour from now, for 1,000 recipients, labeled test data. */
    public Grant grant(String listId) {
        return new Grant(listId);
    }

    /** The same grant signed with a random secret: a forgery the guard must refuse. */
    public static String forged(StaffAuthorization authorization) {
        Secret other = Secret.of(UUID.randomUUID() + "-" + UUID.randomUUID());
        return StaffAuthorizations.withAuthSecret(other).sign(authorization);
    }

    /** The token with its payload altered (ceiling raised) and the old signature kept. */
    public static String tampered(String token) {
        int signatureDot = token.lastIndexOf('.');
        int payloadDot = token.lastIndexOf('.', signatureDot - 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(payloadDot + 1, signatureDot)),
                StandardCharsets.UTF_8);
        String[] fields = payload.split("\n", -1);
        fields[5] = Integer.toString(Integer.parseInt(fields[5]) * 1000);
        String altered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
        return token.substring(0, payloadDot + 1) + altered + token.substring(signatureDot);
    }

    /** A staff authorization under construction. */
    public final class Grant {
        private final String listId;
        private String id = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        private String staffMember = "test.staffer";
        private AppEnv forEnvironment = environment;
        private int maxRecipients = 1_000;
        private Instant issuedAt = clock.instant();
        private Duration validFor = Duration.ofHours(1);
        private DataLabel label = DataLabel.TEST_DATA;

        private Grant(String listId) {
            this.listId = listId;
        }

        public Grant id(String id) {
            this.id = id;
            return this;
        }

        public Grant staffMember(String staffMember) {
            this.staffMember = staffMember;
            return this;
        }

        /** Issue it for another environment (the guard must refuse it here). */
        public Grant environment(AppEnv environment) {
            this.forEnvironment = environment;
            return this;
        }

        public Grant maxRecipients(int maxRecipients) {
            this.maxRecipients = maxRecipients;
            return this;
        }

        public Grant issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Grant validFor(Duration validFor) {
            this.validFor = validFor;
            return this;
        }

        public Grant label(DataLabel label) {
            this.label = label;
            return this;
        }

        public StaffAuthorization authorization() {
            return new StaffAuthorization(id, staffMember, listId, forEnvironment, maxRecipients, issuedAt,
                    issuedAt.plus(validFor), label);
        }

        /** The signed token, as a staff tool would hand it to the sending code. */
        public String sign() {
            return signer.sign(authorization());
        }
    }
}
