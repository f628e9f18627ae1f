package dev.sluice.core.config;

/**
 * A type whose values are single texts; turns a list or map given in YAML for it into a clear
 * error instead of parsing its string form.
 */
interface ScalarType<T> extends SettingType<T> {

    /** Parses the text of a single value. */
    T parseText(String text);

    @Override
    default T parse(RawValue raw) {
        if (raw instanceof RawValue.Text text) {
            return parseText(text.text().trim());
        }
        String kind = raw instanceof RawValue.Items ? "a list" : "a map";
        throw new InvalidValueException("is " + kind + "; use a single " + label());
    }
}
