package dev.sluice.postgres.types;

import dev.sluice.core.event.IntervalValue;

/**
 * Reads the ISO-8601 interval PostgreSQL prints under {@code IntervalStyle=iso_8601}:
 * {@code P1Y2M3DT4H5M6.789S}, each component with its own sign ({@code P-1Y-2M3DT-4H-5M-6S}),
 * {@code PT0S} for zero, a fraction on seconds only. Years and months become months, hours,
 * minutes and seconds become microseconds, as PostgreSQL stores them.
 */
final class IntervalText {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int FRACTION_DIGITS = 6;

    private final String text;
    private int pos;

    private IntervalText(String text) {
        this.text = text;
    }

    static IntervalValue parse(String text) {
        return new IntervalText(text).parse();
    }

    private IntervalValue parse() {
        if (text.length() < 3 || text.charAt(0) != 'P') {
            throw malformed("P", 0);
        }
        pos = 1;
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean time = false;
        while (pos < text.length()) {
            if (text.charAt(pos) == 'T') {
                time = true;
                pos++;
                continue;
            }
            boolean negative = text.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            long whole = digits();
            long fraction = 0;
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                fraction = fractionMicros();
            }
            if (pos >= text.length()) {
                throw malformed("a unit letter", pos);
            }
            char unit = text.charAt(pos++);
            long sign = negative ? -1 : 1;
            if (!time && unit == 'Y' && fraction == 0) {
                months += sign * whole * 12;
            } else if (!time && unit == 'M' && fraction == 0) {
                months += sign * whole;
            } else if (!time && unit == 'D' && fraction == 0) {
                days += sign * whole;
            } else if (time && unit == 'H' && fraction == 0) {
                micros += sign * whole * 3600 * MICROS_PER_SECOND;
            } else if (time && unit == 'M' && fraction == 0) {
                micros += sign * whole * 60 * MICROS_PER_SECOND;
            } else if (time && unit == 'S') {
                micros += sign * (whole * MICROS_PER_SECOND + fraction);
            } else {
                throw malformed("a unit of an ISO-8601 duration", pos - 1);
            }
        }
        return new IntervalValue(Math.toIntExact(months), Math.toIntExact(days), micros);
    }

    private long digits() {
        int start = pos;
        long value = 0;
        while (pos < text.length() && NumberText.isDigit(text.charAt(pos))) {
            value = Math.addExact(Math.multiplyExact(value, 10), text.charAt(pos++) - '0');
        }
        if (pos == start) {
            throw malformed("a digit", pos);
        }
        return value;
    }

    /** Up to six fraction digits as microseconds; PostgreSQL prints no more. */
    private long fractionMicros() {
        int start = pos;
        long value = 0;
        while (pos < text.length() && NumberText.isDigit(text.charAt(pos))) {
            if (pos - start >= FRACTION_DIGITS) {
                throw malformed("at most six fraction digits", pos);
            }
            value = value * 10 + (text.charAt(pos++) - '0');
        }
        for (int i = pos - start; i < FRACTION_DIGITS; i++) {
            value *= 10;
        }
        return value;
    }

    private MalformedValueException malformed(String expected, int offset) {
        return new MalformedValueException("interval", expected, offset, text);
    }
}
