package org.sosops.env.testing.recipients;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.sosops.env.core.recipients.Allowlist;
import org.sosops.env.core.recipients.AllowlistSource;
import org.sosops.env.core.recipients.AllowlistUnavailableException;

/**
 * An allowlist source a test can take down and bring back, to prove the guard fails closed.
 *
 * <pre>{@code
 * SwitchableAllowlistSource source = FakeAllowlists.switchable("+15555550190");
 * source.goDown("connection refused");
 * }</pre>
 */
public final class SwitchableAllowlistSource implements AllowlistSource {
    private final AtomicReference<Allowlist> allowlist;
    private final AtomicReference<Optional<String>> outage = new AtomicReference<>(Optional.empty());

    SwitchableAllowlistSource(Allowlist allowlist) {
        this.allowlist = new AtomicReference<>(allowlist);
    }

    public void goDown(String reason) {
        outage.set(Optional.of(reason));
    }

    public void comeBack() {
        outage.set(Optional.empty());
    }

    public void replace(Allowlist replacement) {
        allowlist.set(replacement);
    }

    @Override
    public Allowlist current() throws AllowlistUnavailableException {
        Optional<String> reason = outage.get();
        if (reason.isPresent()) {
            throw new AllowlistUnavailableException(reason.get());
        }
        return allowlist.get();
    }

    @Override
    public String description() {
        return "switchable fake allowlist";
    }
}
