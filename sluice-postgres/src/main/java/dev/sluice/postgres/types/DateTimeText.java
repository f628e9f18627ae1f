package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonBytes;
import java.io.IOException;

/**
 * Dates and times from PostgreSQL's ISO {@code DateStyle} to ISO-8601 strings.
 *
 * <p>PostgreSQL prints {@code 2024-02-29 13:45:00.5+00} and {@code 0044-03-15 BC}; ISO-8601 (and
 * {@code java.time}) want {@code 2024-02-29T13:45:00.5Z} and the astronomical year {@code -0043}
 * (1 BC is year 0), with a {@code +} before years of more than four digits. Offsets of whole hours
 * ({@code +05}) gain {@code :00}; a zero offset becomes {@code Z}; offsets with seconds (local mean
 * time, e.g. {@code +05:21:10}) are kept, as {@code java.time} reads them. Fractions of a second
 * are kept as printed. {@code infinity} and {@code -infinity} pass through. Rewritten char by char
 * into one small buffer: this runs for every such value.
 */
final class DateTimeText {

    private static final String BC = " BC";

    private final String text;
    private final char[] buf;
    private int n;

    private DateTimeText(String text) {
        this.text = text;
        this.buf = new char[text.length() + 8];
    }

    /** {@code date}: {@code YYYY-MM-DD[ BC]}. */
    static void writeDate(String text, JsonGenerator out) throws IOException {
        if (isInfinity(text)) {
            out.writeString(text);
            return;
        }
        DateTimeText t = date(text);
        out.writeString(t.buf, 0, t.n);
    }

    static void writeDate(String text, JsonBytes out) {
        if (isInfinity(text)) {
            out.writeString(text);
            return;
        }
        DateTimeText t = date(text);
        out.writeString(t.buf, 0, t.n);
    }

    /** {@code timestamp} and {@code timestamptz}: {@code YYYY-MM-DD HH:MM:SS[.f][offset][ BC]}. */
    static void writeTimestamp(String text, JsonGenerator out) throws IOException {
        if (isInfinity(text)) {
            out.writeString(text);
            return;
        }
        DateTimeText t = timestamp(text);
        out.writeString(t.buf, 0, t.n);
    }

    static void writeTimestamp(String text, JsonBytes out) {
        if (isInfinity(text)) {
            out.writeString(text);
            return;
        }
        DateTimeText t = timestamp(text);
        out.writeString(t.buf, 0, t.n);
    }

    /** {@code time} and {@code timetz}: {@code HH:MM:SS[.f][offset]}. */
    static void writeTime(String text, JsonGenerator out) throws IOException {
        DateTimeText t = time(text);
        out.writeString(t.buf, 0, t.n);
    }

    static void writeTime(String text, JsonBytes out) {
        DateTimeText t = time(text);
        out.writeString(t.buf, 0, t.n);
    }

    /** The ISO-8601 form of a {@code date} (not infinite), as {@link #writeDate} writes it. */
    static String isoDate(String text) {
        DateTimeText t = date(text);
        return new String(t.buf, 0, t.n);
    }

    /** The ISO-8601 form of a {@code timestamp} or {@code timestamptz} (not infinite), as {@link #writeTimestamp} writes it. */
    static String isoTimestamp(String text) {
        DateTimeText t = timestamp(text);
        return new String(t.buf, 0, t.n);
    }

    /** The ISO-8601 form of a {@code time} or {@code timetz}, as {@link #writeTime} writes it. */
    static String isoTime(String text) {
        DateTimeText t = time(text);
        return new String(t.buf, 0, t.n);
    }

    private static DateTimeText date(String text) {
        DateTimeText t = new DateTimeText(text);
        int end = t.endOfBody();
        int at = t.appendDate(end);
        if (at != end) {
            throw t.malformed("date", "the end of the date", at);
        }
        return t;
    }

    private static DateTimeText timestamp(String text) {
        DateTimeText t = new DateTimeText(text);
        int end = t.endOfBody();
        int at = t.appendDate(end);
        if (at >= end || text.charAt(at) != ' ') {
            throw t.malformed("timestamp", "' '", at);
        }
        t.buf[t.n++] = 'T';
        t.appendTime(at + 1, end, "timestamp");
        return t;
    }

    private static DateTimeText time(String text) {
        DateTimeText t = new DateTimeText(text);
        t.appendTime(0, text.length(), "time");
        return t;
    }

    private static boolean isInfinity(String text) {
        return text.equals("infinity") || text.equals("-infinity");
    }

    private int endOfBody() {
        return text.endsWith(BC) ? text.length() - BC.length() : text.length();
    }

    /** Appends the ISO date for {@code text[0..)} and returns the index after {@code -MM-DD}. */
    private int appendDate(int end) {
        boolean bc = end < text.length();
        int yearEnd = 0;
        int year = 0;
        while (yearEnd < end && NumberText.isDigit(text.charAt(yearEnd)) && yearEnd < 8) {
            year = year * 10 + (text.charAt(yearEnd++) - '0');
        }
        if (yearEnd == 0 || yearEnd + 6 > end || text.charAt(yearEnd) != '-' || text.charAt(yearEnd + 3) != '-') {
            throw malformed("date", "YYYY-MM-DD", yearEnd);
        }
        appendYear(bc ? 1 - year : year);
        appendDigitsAfter(yearEnd, 1, "date");
        appendDigitsAfter(yearEnd + 3, 1, "date");
        return yearEnd + 6;
    }

    /** An astronomical year: zero-padded to four digits, signed when negative or above 9999. */
    private void appendYear(int year) {
        int magnitude = Math.abs(year);
        if (year < 0) {
            buf[n++] = '-';
        } else if (year > 9999) {
            buf[n++] = '+';
        }
        int digits = 4;
        for (int rest = magnitude / 10000; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (char) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        n += digits;
    }

    /** Copies {@code text[at]} (a separator) and the two digits after it. */
    private void appendDigitsAfter(int at, int separators, String form) {
        for (int i = at; i < at + separators + 2; i++) {
            char c = text.charAt(i);
            if (i >= at + separators && !NumberText.isDigit(c)) {
                throw malformed(form, "a digit", i);
            }
            buf[n++] = c;
        }
    }

    /** Copies {@code HH:MM:SS[.f]} and the ISO form of an offset that may follow. */
    private void appendTime(int from, int end, String form) {
        if (end - from < 8 || text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
            throw malformed(form, "HH:MM:SS", from);
        }
        int i = from;
        while (i < end && (NumberText.isDigit(text.charAt(i)) || text.charAt(i) == ':' || text.charAt(i) == '.')) {
            buf[n++] = text.charAt(i++);
        }
        if (i < end) {
            appendOffset(i, end, form);
        }
    }

    private void appendOffset(int from, int end, String form) {
        char sign = text.charAt(from);
        int length = end - from - 1;
        if ((sign != '+' && sign != '-') || (length != 2 && length != 5 && length != 8)) {
            throw malformed(form, "an offset +HH[:MM[:SS]]", from);
        }
        if (length == 2 && text.charAt(from + 1) == '0' && text.charAt(from + 2) == '0') {
            buf[n++] = 'Z';
            return;
        }
        buf[n++] = sign;
        appendDigitsAfter(from + 1, 0, form);
        if (length == 2) {
            buf[n++] = ':';
            buf[n++] = '0';
            buf[n++] = '0';
            return;
        }
        for (int at = from + 3; at < end; at += 3) {
            if (text.charAt(at) != ':') {
                throw malformed(form, "':'", at);
            }
            appendDigitsAfter(at, 1, form);
        }
    }

    private MalformedValueException malformed(String form, String expected, int offset) {
        return new MalformedValueException(form, expected, offset, text);
    }
}
