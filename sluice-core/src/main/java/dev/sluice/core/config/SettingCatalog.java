package dev.sluice.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All settings of one program, in the order they are documented, and the naming rules that tie a
 * setting to its environment variable ({@code <prefix>} + name in upper case with {@code _} for
 * {@code -}). Also suggests the closest known name for a misspelt one, since "unknown key" alone
 * leaves the user guessing. Immutable and thread-safe.
 */
public final class SettingCatalog {

    private final String envPrefix;
    private final Map<String, Setting<?>> byName;

    /**
     * @param envPrefix prefix of environment variables, e.g. {@code SLUICE_}
     * @param settings  the settings in documentation order; names must be unique
     */
    public SettingCatalog(String envPrefix, List<Setting<?>> settings) {
        this.envPrefix = envPrefix;
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            if (map.put(setting.name(), setting) != null) {
                throw new IllegalArgumentException("setting declared twice: " + setting.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The settings in documentation order. */
    public List<Setting<?>> settings() {
        return List.copyOf(byName.values());
    }

    /** The groups in order of first appearance. */
    public List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        byName.values().forEach(s -> groups.add(s.group()));
        return new ArrayList<>(groups);
    }

    /** The setting with this exact name. */
    public Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether {@code setting} is one of these. */
    public boolean contains(Setting<?> setting) {
        return byName.get(setting.name()) == setting;
    }

    /** The environment variable of a setting, e.g. {@code SLUICE_HEARTBEAT_INTERVAL}. */
    public String envVar(Setting<?> setting) {
        return envPrefix + setting.name().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The known name closest to an unknown one, if any is close: exact after normalising case,
     * underscores, camelCase and a leading {@code --}, or within a small edit distance.
     */
    public Optional<String> closest(String unknown) {
        String normalized = normalize(unknown);
        if (byName.containsKey(normalized)) {
            return Optional.of(normalized);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : byName.keySet()) {
            int d = editDistance(normalized, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        int tolerance = Math.max(2, normalized.length() / 4);
        return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
    }

    private String normalize(String name) {
        String kebab = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replace('_', '-');
        String prefix = envPrefix.toLowerCase(Locale.ROOT).replace('_', '-');
        if (!prefix.isEmpty() && kebab.startsWith(prefix)) {
            kebab = kebab.substring(prefix.length());
        }
        return kebab.replaceFirst("^-+", "");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
