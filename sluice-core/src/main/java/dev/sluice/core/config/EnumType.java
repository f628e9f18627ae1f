package dev.sluice.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One constant of an enum, written in lower case with {@code -} for {@code _} ({@code initial},
 * {@code debezium-json}) but matched ignoring case, so the Java spelling works too.
 */
record EnumType<E extends Enum<E>>(Class<E> type) implements ScalarType<E> {

    @Override
    public E parseText(String text) {
        String wanted = text.toLowerCase(Locale.ROOT).replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (format(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new InvalidValueException("is not one of the choices; use one of " + choices());
    }

    private String choices() {
        return Arrays.stream(type.getEnumConstants()).map(this::format).collect(Collectors.joining(", "));
    }

    @Override
    public String format(E value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String label() {
        return Arrays.stream(type.getEnumConstants()).map(this::format).collect(Collectors.joining("|"));
    }
}
