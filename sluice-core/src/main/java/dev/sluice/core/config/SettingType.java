package dev.sluice.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a setting's raw value becomes a typed one, and back into text for help and reference.
 * Implementations are immutable and thread-safe; {@link #parse} either returns a value or throws
 * {@link InvalidValueException} whose message says what is accepted — never a sentinel.
 *
 * @param <T> the parsed type
 */
public interface SettingType<T> {

    /** Parses a raw value or throws {@link InvalidValueException}. */
    T parse(RawValue raw);

    /** The value as a user would write it ({@code 10s}, {@code a,b}); used for defaults in help. */
    String format(T value);

    /** A short name for the kind of value, shown as the flag's parameter ({@code duration}). */
    String label();

    /** Any text. */
    static SettingType<String> string() {
        return new StringType();
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    static SettingType<Integer> integer(int min, int max) {
        return new IntegerType(min, max);
    }

    /** {@code true}/{@code false} (also yes/no, on/off), in any case. */
    static SettingType<Boolean> bool() {
        return new BooleanType();
    }

    /** An amount and a unit: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    static SettingType<Duration> duration() {
        return new DurationType();
    }

    /** A file-system path. */
    static SettingType<Path> path() {
        return new PathType();
    }

    /** Comma-separated text ({@code a, b}) or a YAML list. */
    static SettingType<List<String>> list() {
        return new ListType();
    }

    /** {@code key=value} pairs separated by commas, or a YAML map (nested keys joined by dots). */
    static SettingType<Map<String, String>> map() {
        return new MapType();
    }

    /** One of an enum's constants, matched ignoring case and with {@code -} for {@code _}. */
    static <E extends Enum<E>> SettingType<E> enumeration(Class<E> type) {
        return new EnumType<>(type);
    }
}
