package dev.sluice.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-negative duration written as an amount and a unit ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}, {@code 1d}), or as ISO-8601 ({@code PT10S}). A bare number is refused: whether
 * {@code 10} means seconds or milliseconds is exactly the ambiguity that causes outages.
 */
record DurationType() implements ScalarType<Duration> {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String ACCEPTED = "use e.g. 500ms, 10s, 5m";

    @Override
    public Duration parseText(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            return parseIso(text);
        }
        Matcher m = AMOUNT_AND_UNIT.matcher(lower);
        if (!m.matches()) {
            throw new InvalidValueException("is not a duration; " + ACCEPTED);
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidValueException("is too long a duration; " + ACCEPTED);
        }
    }

    private static Duration parseIso(String text) {
        try {
            Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new InvalidValueException("is negative; " + ACCEPTED);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("is not a duration; " + ACCEPTED);
        }
    }

    @Override
    public String format(Duration value) {
        long millis = value.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds == 0 || seconds % 60 != 0) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes % 60 != 0) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours % 24 != 0 ? hours + "h" : hours / 24 + "d";
    }

    @Override
    public String label() {
        return "duration";
    }
}
