package dev.sluice.postgres.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Splits one row of {@code COPY ... TO STDOUT} text format into column values: tab-separated,
 * {@code \N} for NULL, backslash escapes ({@code \t \n \r \b \f \v \\}, octal and {@code \x} hex).
 * The values are then exactly the output functions' text, the same text pgoutput sends.
 */
public final class CopyTextParser {

    private byte[] scratch = new byte[256];

    /** Parses {@code length} bytes of {@code line} (its trailing newline included or not) into {@code columns} values. */
    public String[] parse(byte[] line, int length, int columns) {
        if (length > 0 && line[length - 1] == '\n') {
            length--;
        }
        String[] values = new String[columns];
        int column = 0;
        int start = 0;
        boolean escaped = false;
        // One pass over the row: a snapshot spends much of its time here.
        for (int i = 0; i <= length; i++) {
            byte b = i == length ? (byte) '\t' : line[i];
            if (b == '\\' && i + 1 < length) {
                escaped = true;
                i++; // the escaped character is never a separator
            } else if (b == '\t') {
                if (column >= columns) {
                    throw new IllegalStateException("COPY row has more than " + columns + " columns");
                }
                values[column++] = escaped ? escapedField(line, start, i) : new String(line, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                escaped = false;
            }
        }
        if (column != columns) {
            throw new IllegalStateException("COPY row has " + column + " columns, expected " + columns);
        }
        return values;
    }

    private String escapedField(byte[] line, int start, int end) {
        if (end - start == 2 && line[start + 1] == 'N') {
            return null;
        }
        return unescape(line, start, end);
    }

    private String unescape(byte[] line, int start, int end) {
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, scratch.length * 2)];
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 >= end) {
                scratch[n++] = b;
                continue;
            }
            byte c = line[++i];
            switch (c) {
                case 't' -> scratch[n++] = '\t';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'v' -> scratch[n++] = 0x0B;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < end && hex(line[i + 1]) >= 0) {
                        value = value * 16 + hex(line[++i]);
                        digits++;
                    }
                    scratch[n++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        int digits = 1;
                        while (digits < 3 && i + 1 < end && line[i + 1] >= '0' && line[i + 1] <= '7') {
                            value = value * 8 + (line[++i] - '0');
                            digits++;
                        }
                        scratch[n++] = (byte) value;
                    } else {
                        scratch[n++] = c;
                    }
                }
            }
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
