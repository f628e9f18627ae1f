package dev.sluice.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Key/value pairs: {@code k=v,k2=v2} in a flag or environment variable (split at the first
 * {@code =}, so values may contain {@code =}), or a YAML map. Order is kept as written.
 */
record MapType() implements SettingType<Map<String, String>> {

    private static final String ACCEPTED = "use key=value,key2=value2 or a YAML map";

    @Override
    public Map<String, String> parse(RawValue raw) {
        if (raw instanceof RawValue.Entries entries) {
            entries.entries().keySet().forEach(MapType::requireKey);
            return entries.entries();
        }
        if (raw instanceof RawValue.Items) {
            throw new InvalidValueException("is a list; " + ACCEPTED);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : CommaSplitter.split(((RawValue.Text) raw).text())) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new InvalidValueException("has an entry '" + entry + "' without '='; " + ACCEPTED);
            }
            String key = entry.substring(0, eq).trim();
            requireKey(key);
            if (map.put(key, entry.substring(eq + 1).trim()) != null) {
                throw new InvalidValueException("names '" + key + "' twice; " + ACCEPTED);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static void requireKey(String key) {
        if (key.isBlank()) {
            throw new InvalidValueException("has an entry with an empty key; " + ACCEPTED);
        }
    }

    @Override
    public String format(Map<String, String> value) {
        return value.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public String label() {
        return "key=value,...";
    }
}
