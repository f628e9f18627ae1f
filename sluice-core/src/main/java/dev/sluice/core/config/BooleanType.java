package dev.sluice.core.config;

import java.util.Locale;

/**
 * A yes/no switch. Accepts YAML 1.1's spellings as well (yes/no, on/off) because YAML users write
 * them and a strict parser would reject a value that looks right.
 */
record BooleanType() implements ScalarType<Boolean> {

    @Override
    public Boolean parseText(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new InvalidValueException("is not a boolean; use true or false");
        };
    }

    @Override
    public String format(Boolean value) {
        return value.toString();
    }

    @Override
    public String label() {
        return "true|false";
    }
}
