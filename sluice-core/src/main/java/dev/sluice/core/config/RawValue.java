package dev.sluice.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A setting's value as written, before parsing: a plain text, a list or a map, with its
 * {@link Origin}. Environment variables and flags only give text; a YAML file can give all three,
 * so list and map settings accept either their text form ({@code a,b}, {@code k=v,k2=v2}) or the
 * structured one.
 */
public sealed interface RawValue permits RawValue.Text, RawValue.Items, RawValue.Entries {

    /** Where the value was written. */
    Origin origin();

    /** The value as quoted in an error message. */
    String display();

    /** A plain value: {@code 10s}, {@code true}, {@code jdbc:postgresql://db/app}. */
    record Text(String text, Origin origin) implements RawValue {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String display() {
            return "'" + text + "'";
        }
    }

    /** A list of plain values, as written in YAML. */
    record Items(List<String> items, Origin origin) implements RawValue {
        public Items {
            items = List.copyOf(items);
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String display() {
            return items.stream().collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A map of plain values, as written in YAML (nested keys already joined with dots). */
    record Entries(Map<String, String> entries, Origin origin) implements RawValue {
        public Entries {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String display() {
            return entries.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
