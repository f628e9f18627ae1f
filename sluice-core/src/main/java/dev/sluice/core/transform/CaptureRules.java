package dev.sluice.core.transform;

import dev.sluice.core.event.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The capture list's rules at one point of the stream. Immutable, so any thread may read it: a
 * change makes a new instance ({@link #with}), and whoever applied the old one can tell by identity.
 */
public final class CaptureRules {

    /** No rules: every table passes unchanged (the configuration's capture list). */
    public static final CaptureRules NONE = new CaptureRules(Map.of());

    private final Map<TableId, CaptureRule> rules;

    private CaptureRules(Map<TableId, CaptureRule> rules) {
        this.rules = rules;
    }

    /** These rules with {@code table}'s replaced; a null rule removes the table: its events are dropped. */
    public CaptureRules with(TableId table, CaptureRule rule) {
        Map<TableId, CaptureRule> changed = new HashMap<>(rules);
        changed.put(table, rule == null ? new CaptureRule(table, Set.of(), null, null, null) : rule);
        return new CaptureRules(Map.copyOf(changed));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The table's rule; null when it has none (it passes unchanged). */
    public CaptureRule rule(TableId table) {
        return rules.get(table);
    }
}
