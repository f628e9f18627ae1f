package dev.sluice.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers configuration sources over the declared defaults — later layers win, so callers pass
 * file, environment, flags in that order — then parses and validates every setting in one pass.
 * All problems are collected before failing, each as one line naming the setting, the value (masked
 * if secret), where it came from and what is accepted, so a user fixes everything in one round.
 */
public final class SettingsResolver {

    private final SettingCatalog catalog;

    public SettingsResolver(SettingCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Resolves every setting of the catalog.
     *
     * @param layers sources from lowest to highest precedence
     * @throws ConfigException listing every problem found
     */
    public ResolvedSettings resolve(List<ConfigLayer> layers) {
        List<String> problems = new ArrayList<>();
        for (ConfigLayer layer : layers) {
            layer.values().forEach((name, raw) -> {
                if (catalog.find(name).isEmpty()) {
                    problems.add(unknown(name, raw.origin()));
                }
            });
        }
        Map<String, Object> values = new HashMap<>();
        Map<String, Origin> origins = new HashMap<>();
        for (Setting<?> setting : catalog.settings()) {
            RawValue raw = effective(setting, layers);
            if (raw == null) {
                if (setting.required()) {
                    problems.add(missing(setting));
                }
                values.put(setting.name(), setting.defaultValue());
                origins.put(setting.name(), Origin.DEFAULT);
                continue;
            }
            try {
                values.put(setting.name(), setting.parse(raw));
                origins.put(setting.name(), raw.origin());
            } catch (InvalidValueException e) {
                String shown = setting.secret() ? "'" + Setting.MASK + "'" : raw.display();
                problems.add(setting.name() + ": " + shown + " (from " + raw.origin() + ") " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ResolvedSettings(catalog, values, origins);
    }

    private static RawValue effective(Setting<?> setting, List<ConfigLayer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            RawValue raw = layers.get(i).values().get(setting.name());
            if (raw != null) {
                return raw;
            }
        }
        return null;
    }

    private String unknown(String name, Origin origin) {
        String hint = catalog.closest(name)
                .map(known -> "did you mean '" + known + "'?")
                .orElse("see the configuration reference for the settings");
        return "unknown setting '" + name + "' (from " + origin + "); " + hint;
    }

    private String missing(Setting<?> setting) {
        return setting.name() + " is required; set it in the config file, with " + setting.flag() + " or with "
                + catalog.envVar(setting);
    }
}
