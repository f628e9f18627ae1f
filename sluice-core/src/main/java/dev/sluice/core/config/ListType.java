package dev.sluice.core.config;

import java.util.List;

/**
 * A list of texts: {@code a, b} in a flag or environment variable, or a YAML list. Blank items are
 * dropped, so an empty text is an empty list (the way to clear a default from the command line).
 */
record ListType() implements SettingType<List<String>> {

    @Override
    public List<String> parse(RawValue raw) {
        if (raw instanceof RawValue.Text text) {
            return List.copyOf(CommaSplitter.split(text.text()));
        }
        if (raw instanceof RawValue.Items items) {
            return items.items().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        throw new InvalidValueException("is a map; use a list such as a,b or a YAML list");
    }

    @Override
    public String format(List<String> value) {
        return String.join(",", value);
    }

    @Override
    public String label() {
        return "list";
    }
}
