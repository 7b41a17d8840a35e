package org.sosops.env.webhooks.verify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.FormBody;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed by the auth token, over the public
 * URL of the request followed by every form parameter sorted by name (repeated parameters
 * included), or, for JSON callbacks, over the URL alone with the body bound by its
 * {@code bodySHA256} query parameter.
 *
 * <p>The public URL is built from the configured base ({@code APP_URL}: scheme, host and port)
 * plus the request's path and raw query, never from the {@code Host} header, which proxies and
 * tunnels rewrite. Exactly the URL variants Twilio's own helper libraries accept are accepted,
 * because Twilio's signing of ports is inconsistent: the URL as configured, the same URL with its
 * port removed, and, when it has no port, with the scheme's default port added. The configured URL
 * is tried first, so a mismatch alone pays for the second HMAC. The key is prepared once; each thread
 * reuses its own {@link Mac} (made on its first verification) and buffers, so a typical callback
 * costs one HMAC and no garbage beyond the decoded signature.
 *
 * <pre>{@code
 * WebhookVerifier twilio = TwilioSignatureVerifier.withAuthToken(
 *         policy.secret("TWILIO_AUTH_TOKEN").orElseThrow(), URI.create(policy.value("APP_URL").orElseThrow()));
 * }</pre>
 */
public final class TwilioSignatureVerifier implements WebhookVerifier {
    public static final String PROVIDER = "twilio";
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final int SHA1_LENGTH = 20;
    private static final String SIGNATURE_KEY = "x-twilio-signature";
    private static final Verification VERIFIED = Verification.verified(PROVIDER);

    private final SecretKeySpec key;
    private final byte[] primaryPrefix;
    private final byte[] alternatePrefix;
    private final ThreadLocal<Scratch> scratch;

    private TwilioSignatureVerifier(Secret authToken, URI publicBaseUrl, boolean portVariants) {
        Objects.requireNonNull(authToken, "authToken");
        String scheme = Optional.ofNullable(publicBaseUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || publicBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL (APP_URL), got a "
                    + (scheme.isEmpty() ? "relative URL" : scheme + " URL"));
        }
        if (authToken.isBlank()) {
            throw new IllegalArgumentException("the Twilio auth token is blank");
        }
        String host = publicBaseUrl.getRawAuthority().replaceFirst("^.*@", "");
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String hostOnly = publicBaseUrl.getPort() < 0 ? host : host.substring(0, host.lastIndexOf(':'));
        String stated = scheme + "://" + host;
        // Exactly the variants Twilio's helper libraries accept: the URL as configured, plus the
        // scheme's default port added when it has no port, or its port (any port) removed.
        String alternate = publicBaseUrl.getPort() < 0
                ? scheme + "://" + hostOnly + ":" + defaultPort
                : scheme + "://" + hostOnly;
        this.primaryPrefix = stated.getBytes(StandardCharsets.UTF_8);
        this.alternatePrefix = portVariants ? alternate.getBytes(StandardCharsets.UTF_8) : null;
        this.key = new SecretKeySpec(authToken.bytes(), "HmacSHA1");
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(newMac()));
    }

    /**
     * A verifier for one Twilio account.
     *
     * @param authToken     {@code TWILIO_AUTH_TOKEN}
     * @param publicBaseUrl {@code APP_URL}; its scheme, host and port are used, its path is not
     */
    public static TwilioSignatureVerifier withAuthToken(Secret authToken, URI publicBaseUrl) {
        return new TwilioSignatureVerifier(authToken, publicBaseUrl, true);
    }

    /**
     * A verifier that accepts the URL exactly as given, without the port variants: for the
     * diagnosis, which must name the one URL a signature was made for.
     */
    static TwilioSignatureVerifier exactUrl(Secret authToken, URI publicBaseUrl) {
        return new TwilioSignatureVerifier(authToken, publicBaseUrl, false);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        try {
            return check(request);
        } catch (RuntimeException e) {
            return Verification.rejected(PROVIDER, RejectReason.VERIFIER_ERROR,
                    "the request could not be checked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Verification check(WebhookRequest request) {
        List<String> headers = request.headerValues(SIGNATURE_KEY);
        if (headers.isEmpty()) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_SIGNATURE, "no " + SIGNATURE_HEADER + " header");
        }
        if (headers.size() > 1) {
            return Verification.rejected(PROVIDER, RejectReason.DUPLICATE_SIGNATURE,
                    headers.size() + " " + SIGNATURE_HEADER + " headers; exactly one is allowed");
        }
        byte[] expected = decodeSignature(headers.get(0));
        if (expected == null) {
            return Verification.rejected(PROVIDER, RejectReason.MALFORMED_SIGNATURE,
                    SIGNATURE_HEADER + " is not the base64 of a 20-byte HMAC-SHA1");
        }
        TwilioSignedContent content = TwilioSignedContent.of(request);
        if (content instanceof TwilioSignedContent.Refused refused) {
            return Verification.rejected(PROVIDER, refused.reason(), refused.detail());
        }
        Scratch s = scratch.get();
        String query = request.rawQuery().orElse(null);
        int start = s.reserve(Math.max(primaryPrefix.length, alternatePrefix == null ? 0 : alternatePrefix.length));
        s.appendAscii(request.path());
        if (query != null) {
            s.append((byte) '?');
            s.appendAscii(query);
        }
        if (content instanceof TwilioSignedContent.Form form) {
            for (FormBody.Parameter p : form.body().sortedDistinct()) {
                s.appendBytes(p.name(), 0, -1);
                s.appendBytes(p.value(), 0, -1);
            }
        }
        boolean matches = s.matches(primaryPrefix, start, expected)
                || alternatePrefix != null && s.matches(alternatePrefix, start, expected);
        if (!matches) {
            return Verification.rejected(PROVIDER, RejectReason.SIGNATURE_MISMATCH,
                    "the signature does not match the public URL " + new String(primaryPrefix, StandardCharsets.UTF_8)
                            + request.path() + (query == null ? "" : "?...") + " and the body");
        }
        if (content instanceof TwilioSignedContent.BodyBound bound) {
            byte[] actual = HexFormat.of().formatHex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII);
            byte[] claimed = bound.claimedSha256Hex().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(actual, claimed)) {
                return Verification.rejected(PROVIDER, RejectReason.BODY_HASH_MISMATCH,
                        "the body does not match the signed bodySHA256");
            }
        }
        return VERIFIED;
    }

    /**
     * A thread's {@link Mac}, made on its first verification rather than with the verifier: the
     * first {@code Mac} of a JVM sets up the JCE providers, which is most of the cost of building a
     * verifier, and {@code sosops-env check} builds one only to validate the configuration.
     */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    private static byte[] decodeSignature(String header) {
        String text = header.strip();
        if (text.length() != 28) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return bytes.length == SHA1_LENGTH ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The percent-decoded value of one query parameter. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        return TwilioSignedContent.queryParameter(rawQuery, name);
    }

    @Override
    public String toString() {
        return "TwilioSignatureVerifier[" + new String(primaryPrefix, StandardCharsets.UTF_8) + ", token ***]";
    }

    /** Per-thread buffers: the signed message and the Mac. */
    private static final class Scratch {
        private final Mac mac;
        private final byte[] digest = new byte[SHA1_LENGTH];
        private byte[] message = new byte[2048];
        private int length;

        Scratch(Mac mac) {
            this.mac = mac;
        }

        /** Starts a new message with room for a prefix; returns where the prefix ends. */
        int reserve(int prefixRoom) {
            length = prefixRoom;
            ensure(prefixRoom);
            return prefixRoom;
        }

        void append(byte b) {
            ensure(length + 1);
            message[length++] = b;
        }

        void appendAscii(String text) {
            int n = text.length();
            ensure(length + n);
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    appendBytes(text.substring(i).getBytes(StandardCharsets.UTF_8), 0, -1);
                    return;
                }
                message[length++] = (byte) c;
            }
        }

        void appendBytes(byte[] bytes, int from, int count) {
            int n = count < 0 ? bytes.length - from : count;
            ensure(length + n);
            System.arraycopy(bytes, from, message, length, n);
            length += n;
        }

        private void ensure(int capacity) {
            if (capacity > message.length) {
                message = Arrays.copyOf(message, Math.max(capacity, message.length * 2));
            }
        }

        boolean matches(byte[] prefix, int start, byte[] expected) {
            int from = start - prefix.length;
            System.arraycopy(prefix, 0, message, from, prefix.length);
            mac.update(message, from, length - from);
            try {
                mac.doFinal(digest, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            return MessageDigest.isEqual(digest, expected);
        }
    }
}
