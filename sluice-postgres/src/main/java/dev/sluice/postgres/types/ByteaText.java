package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code bytea} as a base64 JSON string (Jackson's default variant: standard alphabet, padded, no
 * line feeds). Sluice sets {@code bytea_output=hex}; the older escape form is read too, because a
 * value's bytes must never depend on a setting someone changed.
 */
final class ByteaText {

    private ByteaText() {
    }

    static void write(String text, JsonGenerator out) throws IOException {
        out.writeBinary(decode(text));
    }

    /** The bytes of a {@code bytea}'s text, hex or escape form. */
    static byte[] decode(String text) {
        return text.startsWith("\\x") ? decodeHex(text) : decodeEscaped(text);
    }

    private static byte[] decodeHex(String text) {
        int n = text.length();
        if ((n & 1) != 0) {
            throw new MalformedValueException("bytea", "an even number of hex digits", n, text);
        }
        byte[] bytes = new byte[(n - 2) / 2];
        for (int i = 2, b = 0; i < n; i += 2, b++) {
            bytes[b] = (byte) (hexDigit(text, i) << 4 | hexDigit(text, i + 1));
        }
        return bytes;
    }

    private static int hexDigit(String text, int i) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new MalformedValueException("bytea", "a hex digit", i, text);
    }

    private static byte[] decodeEscaped(String text) {
        int n = text.length();
        byte[] bytes = new byte[n];
        int b = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    throw new MalformedValueException("bytea", "a byte", i, text);
                }
                bytes[b++] = (byte) c;
            } else if (i + 1 < n && text.charAt(i + 1) == '\\') {
                bytes[b++] = '\\';
                i++;
            } else if (i + 3 < n && isOctal(text.charAt(i + 1)) && isOctal(text.charAt(i + 2)) && isOctal(text.charAt(i + 3))) {
                bytes[b++] = (byte) ((text.charAt(i + 1) - '0') << 6 | (text.charAt(i + 2) - '0') << 3 | (text.charAt(i + 3) - '0'));
                i += 3;
            } else {
                throw new MalformedValueException("bytea", "\\\\ or a three-digit octal escape", i, text);
            }
        }
        return java.util.Arrays.copyOf(bytes, b);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }
}
