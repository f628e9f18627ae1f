package dev.sluice.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values one source gives (a file, the environment, the command line), keyed by the name as
 * written there. Names are checked against the catalog by the resolver, not here, so that an
 * unknown key is reported with everything else wrong. Immutable.
 *
 * @param values raw values by setting name, in the order written
 */
public record ConfigLayer(Map<String, RawValue> values) {

    public ConfigLayer {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A layer with nothing in it. */
    public static ConfigLayer empty() {
        return new ConfigLayer(Map.of());
    }

    /**
     * The settings' environment variables that are set and not empty. {@code lookup} is
     * {@code System::getenv} in production and a map in tests.
     */
    public static ConfigLayer environment(SettingCatalog catalog, Function<String, String> lookup) {
        Map<String, RawValue> values = new LinkedHashMap<>();
        for (Setting<?> setting : catalog.settings()) {
            String variable = catalog.envVar(setting);
            String value = lookup.apply(variable);
            if (value != null && !value.isEmpty()) {
                values.put(setting.name(), new RawValue.Text(value, Origin.environment(variable)));
            }
        }
        return new ConfigLayer(values);
    }

    /** Command-line flags by setting name (without {@code --}), each as its text. */
    public static ConfigLayer flags(Map<String, String> textByName) {
        Map<String, RawValue> values = new LinkedHashMap<>();
        textByName.forEach((name, text) -> values.put(name, new RawValue.Text(text, Origin.flag("--" + name))));
        return new ConfigLayer(values);
    }
}
