package org.sosops.env.webhooks.failures;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/**
 * The rule that keeps replay from laundering a forgery: a stored record is handed on only when its
 * stored signature verifies against the current secret now
 * ({@link WebhookVerifier#reverify}, timestamps judged as of arrival), it is not truncated, it was
 * not replayed already, and — when the guard refused it — only if the operator asked for refused
 * records ({@code includeRefused}).
 *
 * <pre>{@code
 * FailureReplay rule = FailureReplay.of(record -> Optional.of(verifierFor(record.provider())), false);
 * if (rule.check(record) instanceof FailureReplay.Verdict.Allowed allowed) {
 *     handler.handle(allowed.request(), record.requestId());
 * }
 * }</pre>
 */
public final class FailureReplay {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%]{2,64}");

    private final Function<FailureRecord, Optional<WebhookVerifier>> verifiers;
    private final boolean includeRefused;

    private FailureReplay(Function<FailureRecord, Optional<WebhookVerifier>> verifiers, boolean includeRefused) {
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.includeRefused = includeRefused;
    }

    /**
     * @param verifiers      the verifier, built with the current secret, for a record's endpoint or
     *                       provider; empty when none is configured (the record is then skipped)
     * @param includeRefused whether records the guard refused may replay (they must still verify now)
     */
    public static FailureReplay of(Function<FailureRecord, Optional<WebhookVerifier>> verifiers, boolean includeRefused) {
        return new FailureReplay(verifiers, includeRefused);
    }

    /** May this record be handed on, and as which request? */
    public Verdict check(FailureRecord record) {
        if (record.replayed()) {
            return new Verdict.Refused("already replayed at " + record.replayedAt().orElseThrow());
        }
        if (record.truncated()) {
            return new Verdict.Refused("its body was cut to the cap for refused requests; a truncated record never replays");
        }
        if (record.refused() && !includeRefused) {
            return new Verdict.Refused("the guard refused it (" + reasonId(record) + "); refused records replay only "
                    + "with --include-refused, and only if they verify now");
        }
        if (record.refused() && record.provider().equals(PostmarkTokenVerifier.PROVIDER)) {
            // Its token was what the guard judged, and the token is never stored: nothing can re-verify it.
            return new Verdict.Refused("Postmark's token is never stored, so a record refused for it cannot be re-verified");
        }
        Optional<WebhookVerifier> verifier = verifiers.apply(record);
        if (verifier.isEmpty()) {
            return new Verdict.Refused("no " + record.provider() + " verifier is configured to re-verify it");
        }
        WebhookRequest request = request(record);
        Verification answer;
        try {
            answer = verifier.get().reverify(request, record.receivedAt());
        } catch (RuntimeException e) {
            return new Verdict.Refused("re-verification failed (" + e.getClass().getSimpleName() + ")");
        }
        if (answer instanceof Verification.Rejected rejected) {
            return new Verdict.Refused("its stored signature does not verify now: " + rejected.describe());
        }
        if (!((Verification.Verified) answer).signatureChecked()) {
            // An unsigned endpoint (local only) proves nothing; a refused record must not pass through it.
            if (record.refused()) {
                return new Verdict.Refused("the endpoint has no signing secret, so a refused record cannot be re-verified");
            }
        }
        return new Verdict.Allowed(request);
    }

    /** The request as received: path, raw query, descriptive and signing headers, body, source. */
    public static WebhookRequest request(FailureRecord record) {
        WebhookRequest.Builder builder = WebhookRequest.builder("POST", record.endpoint())
                .headers(record.headers()).headers(record.signingHeaders()).body(record.body());
        record.rawQuery().ifPresent(builder::query);
        record.sourceAddress().flatMap(FailureReplay::literal).ifPresent(builder::sourceAddress);
        return builder.build();
    }

    /** Only an IP literal is turned into an address, so a stored value never reaches DNS. */
    private static Optional<InetAddress> literal(String address) {
        if (!IP_LITERAL.matcher(address).matches() || !(address.contains(":") || address.matches("[0-9.]+"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String reasonId(FailureRecord record) {
        int colon = record.reason().indexOf(':');
        return colon < 0 ? record.reason() : record.reason().substring(0, colon);
    }

    /** Whether a record may be handed on. */
    public sealed interface Verdict permits Verdict.Allowed, Verdict.Refused {
        /** Verified now; hand this request on. */
        record Allowed(WebhookRequest request) implements Verdict {
        }

        /** Not to be handed on, for this reason. */
        record Refused(String reason) implements Verdict {
        }
    }
}
