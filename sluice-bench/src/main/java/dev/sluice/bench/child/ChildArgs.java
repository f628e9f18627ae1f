package dev.sluice.bench.child;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parent tells a child JVM, as {@code key=value} command-line arguments: plain text so
 * that the command line in a log can be pasted to rerun one contender by hand.
 */
public final class ChildArgs {

    private final Map<String, String> values;

    private ChildArgs(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ChildArgs parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new ChildArgs(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + " (have " + values.keySet() + ")");
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(String key, long fallback) {
        String value = values.get(key);
        return value == null ? fallback : Long.parseLong(value);
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(values.get(key));
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        values.forEach((key, value) -> args.add(key + "=" + value));
        return args;
    }

    /** Collects the arguments in order. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder put(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        public ChildArgs build() {
            return new ChildArgs(values);
        }
    }
}
