package org.sosops.env.webhooks.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded once: pairs split on {@code &}, name
 * and value on the first {@code =}, {@code +} as a space and {@code %XX} as one byte. A {@code %}
 * not followed by two hex digits makes the whole body malformed (never "kept as is"), so every
 * reader — the signature verifier and the replay check alike — sees the same parameters or none.
 * Empty pairs ({@code a=1&&b=2}) carry nothing and are skipped.
 *
 * <pre>{@code
 * FormBody form = FormBody.parse("Message%53id=SM1&MessageStatus=sent".getBytes(UTF_8)).orElseThrow();
 * form.values("MessageSid");   // ["SM1"]
 * }</pre>
 */
public final class FormBody {
    /** More parameters than any provider sends; a body above it is refused, not sorted. */
    public static final int MAX_PARAMETERS = 2_000;

    private final List<Parameter> parameters;

    private FormBody(List<Parameter> parameters) {
        this.parameters = Collections.unmodifiableList(parameters);
    }

    /** The decoded parameters, or empty when the body is not valid form encoding. */
    public static Optional<FormBody> parse(byte[] body) {
        List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        int n = body.length;
        while (start <= n) {
            int end = start;
            while (end < n && body[end] != '&') {
                end++;
            }
            if (end > start) {
                if (parameters.size() == MAX_PARAMETERS) {
                    return Optional.empty();
                }
                int equals = start;
                while (equals < end && body[equals] != '=') {
                    equals++;
                }
                byte[] name = decode(body, start, equals);
                byte[] value = equals < end ? decode(body, equals + 1, end) : new byte[0];
                if (name == null || value == null) {
                    return Optional.empty();
                }
                parameters.add(new Parameter(name, value));
            }
            start = end + 1;
        }
        return Optional.of(new FormBody(parameters));
    }

    /** The parameters in body order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters sorted by name then value (unsigned bytes of the decoded UTF-8, i.e. code
     * point order) with exact repeats once: the order Twilio signs.
     */
    public List<Parameter> sortedDistinct() {
        List<Parameter> sorted = new ArrayList<>(parameters);
        sorted.sort(Parameter::compareTo);
        List<Parameter> distinct = new ArrayList<>(sorted.size());
        for (Parameter p : sorted) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(p) != 0) {
                distinct.add(p);
            }
        }
        return distinct;
    }

    /**
     * The decoded values of this (decoded) name among {@link #sortedDistinct()}: sorted, an exact
     * repeat once. What a signature over the sorted distinct pairs covers, so appending a copy of a
     * signed pair (which still verifies) changes nothing here.
     */
    public List<String> distinctValues(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>(1);
        for (Parameter p : sortedDistinct()) {
            if (Arrays.equals(p.name, wanted)) {
                values.add(p.valueText());
            }
        }
        return values;
    }

    /** Every decoded value of the parameter with this (decoded) name, in body order. */
    public List<String> values(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>(1);
        for (Parameter p : parameters) {
            if (Arrays.equals(p.name, wanted)) {
                values.add(p.valueText());
            }
        }
        return values;
    }

    /** Form-decodes bytes[from, to); null when a percent escape is malformed. */
    private static byte[] decode(byte[] bytes, int from, int to) {
        byte[] out = null;
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != '%' && b != '+') {
                if (out != null) {
                    out[length++] = b;
                }
                continue;
            }
            if (out == null) {
                out = new byte[to - from];
                length = i - from;
                System.arraycopy(bytes, from, out, 0, length);
            }
            if (b == '+') {
                out[length++] = ' ';
                continue;
            }
            int hi = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < to ? Character.digit(bytes[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[length++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        return out == null ? Arrays.copyOfRange(bytes, from, to) : Arrays.copyOf(out, length);
    }

    /** One decoded name and value; compared as unsigned bytes, name first. */
    public static final class Parameter implements Comparable<Parameter> {
        private final byte[] name;
        private final byte[] value;

        Parameter(byte[] name, byte[] value) {
            this.name = name;
            this.value = value;
        }

        /** The decoded name bytes; shared, do not modify. */
        public byte[] name() {
            return name;
        }

        /** The decoded value bytes; shared, do not modify. */
        public byte[] value() {
            return value;
        }

        public String nameText() {
            return new String(name, StandardCharsets.UTF_8);
        }

        public String valueText() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(Parameter other) {
            int byName = Arrays.compareUnsigned(name, other.name);
            return byName != 0 ? byName : Arrays.compareUnsigned(value, other.value);
        }

        @Override
        public String toString() {
            return nameText() + "=…";
        }
    }
}
