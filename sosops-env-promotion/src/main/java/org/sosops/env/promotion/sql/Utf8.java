package org.sosops.env.promotion.sql;

import java.util.OptionalInt;

/** Strict UTF-8 validation of raw file bytes, without decoding them. */
public final class Utf8 {
    private Utf8() {
    }

    /** The index of the first byte that does not start or continue a valid UTF-8 sequence, if any. */
    public static OptionalInt firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i, to);
            if (length == 0) {
                return OptionalInt.of(i);
            }
            i += length;
        }
        return OptionalInt.empty();
    }

    /** The 1-based line holding byte {@code index}. */
    public static int lineOf(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Length of the valid multi-byte sequence at {@code i}, or 0 (overlong forms and surrogates are invalid). */
    private static int sequenceLength(byte[] bytes, int i, int to) {
        int b0 = bytes[i] & 0xff;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            return continuation(bytes, i + 1, to) ? 2 : 0;
        }
        if (b0 >= 0xe0 && b0 <= 0xef) {
            if (i + 2 >= to || !continuation(bytes, i + 1, to) || !continuation(bytes, i + 2, to)) {
                return 0;
            }
            int b1 = bytes[i + 1] & 0xff;
            if ((b0 == 0xe0 && b1 < 0xa0) || (b0 == 0xed && b1 >= 0xa0)) {
                return 0;
            }
            return 3;
        }
        if (b0 >= 0xf0 && b0 <= 0xf4) {
            if (i + 3 >= to || !continuation(bytes, i + 1, to) || !continuation(bytes, i + 2, to)
                    || !continuation(bytes, i + 3, to)) {
                return 0;
            }
            int b1 = bytes[i + 1] & 0xff;
            if ((b0 == 0xf0 && b1 < 0x90) || (b0 == 0xf4 && b1 >= 0x90)) {
                return 0;
            }
            return 4;
        }
        return 0;
    }

    private static boolean continuation(byte[] bytes, int i, int to) {
        return i < to && (bytes[i] & 0xc0) == 0x80;
    }
}
