package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;

/**
 * Every decision reaches the SLF4J audit logger {@value RecipientGuard#AUDIT_LOGGER}; the tests'
 * SLF4J binding (slf4j-simple) writes it to standard error, where it is read back here.
 */
class RecipientGuardAuditLogTest {
    private static final Allowlist STAFF = Allowlist.builder(RecipientNormalizer.forRegion("US")).add("+15555550190").build();

    @Test
    void logsAnAllowedSendAtInfoAndARefusedOneAtWarn() {
        RecipientGuard guard = RecipientGuard.builder(AppEnv.DEV).allowlist(STAFF).build();
        String log = captured(() -> {
            guard.check(Send.sms("+15555550190").forList("gotv"));
            guard.checkSms("+15555550101");
        });
        assertThat(log).contains("INFO " + RecipientGuard.AUDIT_LOGGER + " - recipient guard ALLOWED SMS send of 1 "
                + "recipient(s) in dev to list gotv: all recipients allowlisted");
        assertThat(log).contains("WARN " + RecipientGuard.AUDIT_LOGGER + " - recipient guard REFUSED SMS send of 1 "
                + "recipient(s) in dev [recipient-not-allowlisted]: 1 of 1 recipients is not on the dev allowlist");
    }

    @Test
    void logsAFailingSinkAtError() {
        RecipientGuard guard = RecipientGuard.builder(AppEnv.DEV).allowlist(STAFF).auditSink(event -> {
            throw new IllegalStateException("audit table unavailable");
        }).build();
        String log = captured(() -> guard.checkSms("+15555550190"));
        assertThat(log).contains("ERROR " + RecipientGuard.AUDIT_LOGGER + " - recipient guard audit sink failed: "
                + "java.lang.IllegalStateException: audit table unavailable");
    }

    private static String captured(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
