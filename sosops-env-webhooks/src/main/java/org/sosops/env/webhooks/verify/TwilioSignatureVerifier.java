package org.sosops.env.webhooks.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteOrder;
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
 * is tried first, so a mismatch alone pays for the second HMAC. The key is prepared once; each thread reuses
 * its own {@link Mac} and buffers, so a typical callback costs one HMAC and no garbage beyond the
 * decoded signature.
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
    private static final int MAX_PARAMETERS = 2_000;
    private static final String SIGNATURE_KEY = "x-twilio-signature";
    private static final Verification VERIFIED = Verification.verified(PROVIDER);
    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long AMPERSANDS = 0x2626262626262626L;
    private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
    private static final long PERCENTS = 0x2525252525252525L;
    private static final long PLUSES = 0x2B2B2B2B2B2B2B2BL;

    private final Mac prototype;
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
        try {
            this.prototype = Mac.getInstance("HmacSHA1");
            prototype.init(new SecretKeySpec(authToken.bytes(), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
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
        Scratch s = scratch.get();
        String query = request.rawQuery().orElse(null);
        Optional<String> bodyHash = query == null ? Optional.empty() : queryParameter(query, "bodySHA256");
        boolean form;
        if (bodyHash.isPresent()) {
            form = false;
        } else if (request.body().length == 0) {
            form = false;
        } else if (request.hasMediaType("application/x-www-form-urlencoded")) {
            form = true;
        } else {
            return Verification.rejected(PROVIDER, RejectReason.UNSUPPORTED_CONTENT_TYPE,
                    "a Twilio callback with a body is form-encoded or carries bodySHA256 in its URL; got '"
                            + request.mediaType() + "'");
        }
        int start = s.reserve(Math.max(primaryPrefix.length, alternatePrefix == null ? 0 : alternatePrefix.length));
        s.appendAscii(request.path());
        if (query != null) {
            s.append((byte) '?');
            s.appendAscii(query);
        }
        if (form && !s.appendSortedForm(request.body())) {
            return Verification.rejected(PROVIDER, RejectReason.MALFORMED_BODY,
                    "the form body is not valid application/x-www-form-urlencoded");
        }
        boolean matches = s.matches(primaryPrefix, start, expected)
                || alternatePrefix != null && s.matches(alternatePrefix, start, expected);
        if (!matches) {
            return Verification.rejected(PROVIDER, RejectReason.SIGNATURE_MISMATCH,
                    "the signature does not match the public URL " + new String(primaryPrefix, StandardCharsets.UTF_8)
                            + request.path() + (query == null ? "" : "?...") + " and the body");
        }
        if (bodyHash.isPresent()) {
            byte[] actual = HexFormat.of().formatHex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII);
            byte[] claimed = bodyHash.get().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(actual, claimed)) {
                return Verification.rejected(PROVIDER, RejectReason.BODY_HASH_MISMATCH,
                        "the body does not match the signed bodySHA256");
            }
        }
        return VERIFIED;
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA1 Mac cannot be cloned", e);
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
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "TwilioSignatureVerifier[" + new String(primaryPrefix, StandardCharsets.UTF_8) + ", token ***]";
    }

    /** Per-thread buffers: the signed message, the decoded form and the pair offsets. */
    private static final class Scratch {
        private final Mac mac;
        private final byte[] digest = new byte[SHA1_LENGTH];
        private byte[] message = new byte[2048];
        private int length;
        private byte[] decoded = new byte[1024];
        private byte[] body;
        private int[] pairs = new int[64 * 6];
        private int[] order = new int[64];
        private long[] keys = new long[64];

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

        /**
         * Splits the form body in one pass, decoding only the parts that hold {@code %} or
         * {@code +} (most do not, and are then read in place), sorts the pairs by name then value
         * (unsigned bytes of UTF-8, i.e. code-point order), drops exact repeats, and appends them.
         */
        boolean appendSortedForm(byte[] body) {
            int n = body.length;
            if (decoded.length < n) {
                decoded = new byte[n];
            }
            int count = 0;
            int out = 0;
            int pairStart = 0;
            int equals = -1;
            boolean nameDirty = false;
            boolean valueDirty = false;
            int i = 0;
            while (true) {
                int at = nextSpecial(body, i, n);
                byte c = at < n ? body[at] : (byte) '&';
                if (c == '&') {
                    if (at > pairStart) {
                        if (count == MAX_PARAMETERS) {
                            return false;
                        }
                        if (pairs.length < (count + 1) * 6) {
                            pairs = Arrays.copyOf(pairs, pairs.length * 2);
                            order = Arrays.copyOf(order, order.length * 2);
                            keys = Arrays.copyOf(keys, keys.length * 2);
                        }
                        int p = count * 6;
                        out = place(body, pairStart, equals < 0 ? at : equals, nameDirty, p, out);
                        if (out < 0) {
                            return false;
                        }
                        out = place(body, equals < 0 ? at : equals + 1, at, valueDirty, p + 3, out);
                        if (out < 0) {
                            return false;
                        }
                        keys[count] = prefixKey(pairs[p] == 0 ? body : decoded, pairs[p + 1], pairs[p + 2]);
                        order[count] = count;
                        count++;
                    }
                    if (at >= n) {
                        break;
                    }
                    pairStart = at + 1;
                    equals = -1;
                    nameDirty = false;
                    valueDirty = false;
                } else if (c == '=') {
                    if (equals < 0) {
                        equals = at;
                    }
                } else if (equals < 0) {
                    nameDirty = true;
                } else {
                    valueDirty = true;
                }
                i = at + 1;
            }
            this.body = body;
            sort(count);
            ensure(length + n);
            int previous = -1;
            for (int k = 0; k < count; k++) {
                int q = order[k];
                if (previous >= 0 && keys[previous] == keys[q] && comparePairs(previous, q) == 0) {
                    continue;
                }
                int p = q * 6;
                copy(pairs[p] == 0 ? body : decoded, pairs[p + 1], pairs[p + 2]);
                copy(pairs[p + 3] == 0 ? body : decoded, pairs[p + 4], pairs[p + 5]);
                previous = q;
            }
            this.body = null;
            return true;
        }

        /** Copies bytes[from, to) to the message; capacity was ensured by the caller. */
        private void copy(byte[] bytes, int from, int to) {
            int n = to - from;
            System.arraycopy(bytes, from, message, length, n);
            length += n;
        }

        /** Records one name or value: in place when clean, decoded otherwise. Returns the decode cursor or -1. */
        private int place(byte[] body, int from, int to, boolean dirty, int slot, int out) {
            if (!dirty) {
                pairs[slot] = 0;
                pairs[slot + 1] = from;
                pairs[slot + 2] = to;
                return out;
            }
            int end = decode(body, from, to, out);
            pairs[slot] = 1;
            pairs[slot + 1] = out;
            pairs[slot + 2] = end;
            return end;
        }

        /**
         * The index of the next {@code &}, {@code =}, {@code %} or {@code +} at or after {@code from},
         * or {@code n}: eight bytes per step with the SWAR zero-byte test, since this scan is most of
         * the work besides the HMAC itself.
         */
        private static int nextSpecial(byte[] bytes, int from, int n) {
            int i = from;
            while (i + 8 <= n) {
                long word = (long) LITTLE_ENDIAN_LONGS.get(bytes, i);
                long found = zeroBytes(word ^ AMPERSANDS) | zeroBytes(word ^ EQUALS)
                        | zeroBytes(word ^ PERCENTS) | zeroBytes(word ^ PLUSES);
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
                i += 8;
            }
            while (i < n) {
                byte b = bytes[i];
                if (b == '&' || b == '=' || b == '%' || b == '+') {
                    return i;
                }
                i++;
            }
            return n;
        }

        /** High bit set in each byte of {@code v} that is zero; exact for the lowest such byte. */
        private static long zeroBytes(long v) {
            return (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
        }

        /** The first 8 bytes of a name as an unsigned big-endian number, so most comparisons are one. */
        private static long prefixKey(byte[] bytes, int from, int to) {
            if (to - from >= 8) {
                return (long) BIG_ENDIAN_LONGS.get(bytes, from);
            }
            long key = 0;
            for (int i = from; i < to; i++) {
                key = key << 8 | (bytes[i] & 0xFF);
            }
            return key << (8 * (8 - (to - from)));
        }

        /** Form-decodes body[from, to) into decoded[at...]; returns the new end or -1 when malformed. */
        private int decode(byte[] source, int from, int to, int at) {
            int out = at;
            for (int i = from; i < to; i++) {
                byte b = source[i];
                if (b == '+') {
                    decoded[out++] = ' ';
                } else if (b == '%') {
                    if (i + 2 >= to) {
                        return -1;
                    }
                    int hi = Character.digit(source[i + 1], 16);
                    int lo = Character.digit(source[i + 2], 16);
                    if (hi < 0 || lo < 0) {
                        return -1;
                    }
                    decoded[out++] = (byte) (hi << 4 | lo);
                    i += 2;
                } else {
                    decoded[out++] = b;
                }
            }
            return out;
        }

        private void sort(int count) {
            if (count <= 32) {
                for (int i = 1; i < count; i++) {
                    int q = order[i];
                    int j = i - 1;
                    while (j >= 0 && compareOrdered(order[j], q) > 0) {
                        order[j + 1] = order[j];
                        j--;
                    }
                    order[j + 1] = q;
                }
                return;
            }
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = order[i];
            }
            Arrays.sort(boxed, this::compareOrdered);
            for (int i = 0; i < count; i++) {
                order[i] = boxed[i];
            }
        }

        private int compareOrdered(int a, int b) {
            int byKey = Long.compareUnsigned(keys[a], keys[b]);
            return byKey != 0 ? byKey : comparePairs(a, b);
        }

        private int comparePairs(int a, int b) {
            int pa = a * 6;
            int pb = b * 6;
            int byName = Arrays.compareUnsigned(pairs[pa] == 0 ? body : decoded, pairs[pa + 1], pairs[pa + 2],
                    pairs[pb] == 0 ? body : decoded, pairs[pb + 1], pairs[pb + 2]);
            if (byName != 0) {
                return byName;
            }
            return Arrays.compareUnsigned(pairs[pa + 3] == 0 ? body : decoded, pairs[pa + 4], pairs[pa + 5],
                    pairs[pb + 3] == 0 ? body : decoded, pairs[pb + 4], pairs[pb + 5]);
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
