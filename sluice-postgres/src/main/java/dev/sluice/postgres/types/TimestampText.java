package dev.sluice.postgres.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A fast path for the timestamps nearly every row has: {@code yyyy-mm-dd hh:mm:ss[.ffffff]}, and for
 * {@code timestamptz} the {@code +00} that Sluice's UTC sessions always print. Read digit by digit,
 * without the general parser's allocations; anything else (BC, years past 9999, other offsets)
 * returns null and takes the general path.
 */
final class TimestampText {

    private static final int DATE_TIME_LENGTH = 19;

    private TimestampText() {
    }

    /** A {@code timestamptz} in UTC, or null if the text is not in the common form. */
    static Instant utcInstant(String text) {
        int end = text.length() - 3;
        if (end < DATE_TIME_LENGTH || text.charAt(end) != '+' || text.charAt(end + 1) != '0' || text.charAt(end + 2) != '0') {
            return null;
        }
        LocalDateTime local = localDateTime(text, end);
        return local == null ? null : Instant.ofEpochSecond(local.toLocalDate().toEpochDay() * 86_400 + local.toLocalTime().toSecondOfDay(),
                local.getNano());
    }

    /** A {@code timestamp} without time zone, or null if the text is not in the common form. */
    static LocalDateTime localDateTime(String text) {
        return localDateTime(text, text.length());
    }

    private static LocalDateTime localDateTime(String text, int end) {
        if (end < DATE_TIME_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (end > DATE_TIME_LENGTH) {
            int fraction = end - DATE_TIME_LENGTH - 1;
            if (text.charAt(DATE_TIME_LENGTH) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, DATE_TIME_LENGTH + 1, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    /** The value of {@code count} decimal digits from {@code start}; -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
