package org.sosops.env.webhooks.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded once: pairs split on {@code &}, name
 * and value on the first {@code =}, {@code +} as a space and {@code %XX} as one byte. A {@code %}
 * not followed by two hex digits makes the whole body malformed (never "kept as is"), so every
 * reader — the signature verifier and the replay check alike — sees the same parameters or none.
 * Empty pairs ({@code a=1&&b=2}) carry nothing and are skipped.
 *
 * <p>The {@linkplain #sortedDistinct() signing order} is worked out once, at parse time, and the
 * sorted names and values are laid end to end in one array then, so a signature over them
 * {@linkplain #writeSortedDistinctTo reads one slice}, however many readers ask: the verifier
 * neither sorts nor copies.
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
    private final List<Parameter> sortedDistinct;
    /** Each name then its value, for every parameter of {@link #sortedDistinct}, end to end. */
    private final byte[] sortedDistinctBytes;

    private FormBody(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.sortedDistinct = sortedWithoutExactRepeats(parameters);
        this.sortedDistinctBytes = concatenated(sortedDistinct);
    }

    /** The decoded parameters, or empty when the body is not valid form encoding. */
    public static Optional<FormBody> parse(byte[] body) {
        byte[] decoded = new byte[body.length];   // decoding never lengthens
        int written = 0;
        List<Parameter> parameters = new ArrayList<>();
        for (int start = 0; start <= body.length; ) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                if (parameters.size() == MAX_PARAMETERS) {
                    return Optional.empty();
                }
                int equals = indexOf(body, (byte) '=', start, end);
                int nameStart = written;
                written = decode(body, start, equals, decoded, written);
                int valueStart = written;
                if (written >= 0 && equals < end) {
                    written = decode(body, equals + 1, end, decoded, written);
                }
                if (written < 0) {
                    return Optional.empty();
                }
                parameters.add(new Parameter(decoded, nameStart, valueStart, written));
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
     * point order) with exact repeats once: the order Twilio signs. Sorted once, at parse time.
     */
    public List<Parameter> sortedDistinct() {
        return sortedDistinct;
    }

    /**
     * Writes the name then the value of each parameter of {@link #sortedDistinct()}, decoded: the
     * form part of what Twilio signs, e.g. to {@code mac::update}. One slice of bytes laid out at
     * parse time, so nothing is sorted, copied or allocated here.
     */
    public void writeSortedDistinctTo(ByteSink sink) {
        sink.write(sortedDistinctBytes, 0, sortedDistinctBytes.length);
    }

    /**
     * The decoded values of this (decoded) name among {@link #sortedDistinct()}: sorted, an exact
     * repeat once. What a signature over the sorted distinct pairs covers, so appending a copy of a
     * signed pair (which still verifies) changes nothing here.
     */
    public List<String> distinctValues(String name) {
        return valuesNamed(sortedDistinct, name);
    }

    /** Every decoded value of the parameter with this (decoded) name, in body order. */
    public List<String> values(String name) {
        return valuesNamed(parameters, name);
    }

    private static List<String> valuesNamed(List<Parameter> among, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>(1);
        for (Parameter p : among) {
            if (p.isNamed(wanted)) {
                values.add(p.valueText());
            }
        }
        return values;
    }

    private static List<Parameter> sortedWithoutExactRepeats(List<Parameter> parameters) {
        List<Parameter> sorted = new ArrayList<>(parameters);
        sorted.sort(Comparator.naturalOrder());
        List<Parameter> distinct = new ArrayList<>(sorted.size());
        for (Parameter p : sorted) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(p) != 0) {
                distinct.add(p);
            }
        }
        return List.copyOf(distinct);
    }

    private static byte[] concatenated(List<Parameter> parameters) {
        int length = 0;
        for (Parameter p : parameters) {
            length += p.end - p.nameStart;
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.decoded, p.nameStart, bytes, at, p.end - p.nameStart);
            at += p.end - p.nameStart;
        }
        return bytes;
    }

    /** The first index of {@code wanted} in bytes[from, to), or {@code to} when there is none. */
    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        int i = from;
        while (i < to && bytes[i] != wanted) {
            i++;
        }
        return i;
    }

    /**
     * Form-decodes body[from, to) into {@code out} at {@code at}; returns where the decoded bytes
     * end, or -1 when a percent escape is malformed.
     */
    private static int decode(byte[] body, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '%') {
                int hi = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    return -1;
                }
                out[at++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[at++] = b == '+' ? (byte) ' ' : b;
            }
        }
        return at;
    }

    /** Receives slices of bytes, as {@link javax.crypto.Mac#update(byte[], int, int)} does. */
    @FunctionalInterface
    public interface ByteSink {
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * One decoded name and value, kept where the parser decoded them (the name directly followed by
     * the value); compared as unsigned bytes, name first.
     */
    public static final class Parameter implements Comparable<Parameter> {
        private final byte[] decoded;
        private final int nameStart;
        private final int valueStart;
        private final int end;

        Parameter(byte[] decoded, int nameStart, int valueStart, int end) {
            this.decoded = decoded;
            this.nameStart = nameStart;
            this.valueStart = valueStart;
            this.end = end;
        }

        /** A copy of the decoded name bytes. */
        public byte[] name() {
            return Arrays.copyOfRange(decoded, nameStart, valueStart);
        }

        /** A copy of the decoded value bytes. */
        public byte[] value() {
            return Arrays.copyOfRange(decoded, valueStart, end);
        }

        public String nameText() {
            return new String(decoded, nameStart, valueStart - nameStart, StandardCharsets.UTF_8);
        }

        public String valueText() {
            return new String(decoded, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }

        boolean isNamed(byte[] wanted) {
            return Arrays.equals(decoded, nameStart, valueStart, wanted, 0, wanted.length);
        }

        @Override
        public int compareTo(Parameter other) {
            int byName = Arrays.compareUnsigned(decoded, nameStart, valueStart, other.decoded, other.nameStart, other.valueStart);
            return byName != 0 ? byName
                    : Arrays.compareUnsigned(decoded, valueStart, end, other.decoded, other.valueStart, other.end);
        }

        @Override
        public String toString() {
            return nameText() + "=…";
        }
    }
}
