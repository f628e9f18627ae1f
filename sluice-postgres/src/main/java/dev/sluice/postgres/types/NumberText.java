package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonBytes;
import java.io.IOException;

/**
 * Numbers as JSON numbers written from PostgreSQL's own digits, so that no value goes through a
 * {@code double} (a 40-digit {@code numeric} keeps every digit and its scale, a {@code float8}
 * keeps the shortest exact form {@code extra_float_digits=3} prints). The three values JSON has no
 * number for are written as the strings PostgreSQL prints.
 */
final class NumberText {

    private NumberText() {
    }

    static void write(String text, JsonGenerator out) throws IOException {
        if (isJsonNumber(text)) {
            out.writeNumber(text);
        } else if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            out.writeString(text);
        } else {
            throw new MalformedValueException("number", "a number, NaN, Infinity or -Infinity", 0, text);
        }
    }

    static void write(String text, JsonBytes out) {
        if (isJsonNumber(text)) {
            out.writeRaw(text);
        } else if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            out.writeString(text);
        } else {
            throw new MalformedValueException("number", "a number, NaN, Infinity or -Infinity", 0, text);
        }
    }

    /** The JSON number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        if (i >= n || !isDigit(text.charAt(i))) {
            return false;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else {
            i = skipDigits(text, i);
        }
        if (i < n && text.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(text, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /** {@code int2vector} and {@code oidvector}: numbers separated by single spaces, as a JSON array. */
    static void writeVector(String text, JsonGenerator out) throws IOException {
        out.writeStartArray();
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            String item = text.substring(start, end);
            if (!isJsonNumber(item)) {
                throw new MalformedValueException("vector", "a number", start, text);
            }
            out.writeNumber(item);
            start = end + 1;
        }
        out.writeEndArray();
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
