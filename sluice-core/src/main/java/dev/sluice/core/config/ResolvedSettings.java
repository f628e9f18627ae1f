package dev.sluice.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting's parsed value and where it came from, produced by {@link SettingsResolver}.
 * Immutable. Keeps origins so that checks spanning several settings (done after resolution) can
 * still say where each value was written.
 */
public final class ResolvedSettings {

    private final SettingCatalog catalog;
    private final Map<String, Object> values;
    private final Map<String, Origin> origins;

    ResolvedSettings(SettingCatalog catalog, Map<String, Object> values, Map<String, Origin> origins) {
        this.catalog = catalog;
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.origins = Map.copyOf(origins);
    }

    /** The value of a setting of this catalog; null when it has no default and was not set. */
    @SuppressWarnings("unchecked") // the resolver stored the result of this setting's own type
    public <T> T get(Setting<T> setting) {
        requireKnown(setting);
        return (T) values.get(setting.name());
    }

    /** Where the value of {@code setting} came from ({@link Origin#DEFAULT} when nothing set it). */
    public Origin origin(Setting<?> setting) {
        requireKnown(setting);
        return origins.get(setting.name());
    }

    /** Whether something other than the default gave the value. */
    public boolean isSet(Setting<?> setting) {
        return !origin(setting).equals(Origin.DEFAULT);
    }

    /**
     * A problem line about a resolved value, in the resolver's format:
     * {@code name: 'value' (from origin) <problemAndRemedy>}.
     */
    public <T> String problem(Setting<T> setting, String problemAndRemedy) {
        return setting.name() + ": '" + setting.show(get(setting)) + "' (from " + origin(setting) + ") "
                + problemAndRemedy;
    }

    /** One line per setting, {@code name = value (origin)}, secrets masked; for a startup log. */
    public List<String> listing() {
        List<String> lines = new ArrayList<>();
        for (Setting<?> setting : catalog.settings()) {
            lines.add(setting.name() + " = " + shown(setting) + " (" + origin(setting) + ")");
        }
        return lines;
    }

    private <T> String shown(Setting<T> setting) {
        return setting.show(get(setting));
    }

    private void requireKnown(Setting<?> setting) {
        if (!catalog.contains(setting)) {
            throw new IllegalArgumentException("not a setting of this catalog: " + setting.name());
        }
    }
}
