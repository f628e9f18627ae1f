package dev.sluice.core.route;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.TableId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the topic of each table: {@code <prefix>.<schema>.<table>} unless overridden per table.
 * Characters Kafka does not allow in topic names (anything but letters, digits, {@code . _ -})
 * become {@code _}, so mixed-case, quoted and unicode identifiers still get a legal topic. Two tables
 * whose generated names meet (or meet another table's override) are refused: their events would mix.
 */
public final class TopicRouter {

    private static final int MAX_TOPIC_LENGTH = 249;

    private final String prefix;
    private final Map<TableId, String> overrides;
    /** Topics set by the capture list at run time; they win over the configured overrides. */
    private final Map<TableId, String> routed = new ConcurrentHashMap<>();
    private final Map<TableId, String> cache = new ConcurrentHashMap<>();
    /** Generated topic → the table it was generated for: two tables must not meet in one topic by accident. */
    private final Map<String, TableId> generated = new ConcurrentHashMap<>();

    public TopicRouter(String prefix, Map<TableId, String> overrides) {
        this.prefix = prefix;
        overrides.values().forEach(TopicRouter::requireLegal);
        this.overrides = Map.copyOf(overrides);
    }

    public String topic(TableId table) {
        return cache.computeIfAbsent(table, this::name);
    }

    /**
     * Routes {@code table} to {@code topic} from now on; null returns it to the configured
     * override or the naming rule.
     */
    public void route(TableId table, String topic) {
        if (topic == null) {
            routed.remove(table);
        } else {
            requireLegal(topic);
            routed.put(table, topic);
        }
        cache.remove(table);
    }

    /** A topic of this prefix that is not a table's, {@code <prefix>.<suffix>} (e.g. {@code shop.schema-changes}). */
    public String prefixed(String suffix) {
        return sanitize(prefix) + "." + sanitize(suffix);
    }

    private String name(TableId table) {
        String override = routed.getOrDefault(table, overrides.get(table));
        if (override != null) {
            return override;
        }
        String name = sanitize(prefix) + "." + sanitize(table.schema()) + "." + sanitize(table.table());
        String topic = name.length() > MAX_TOPIC_LENGTH ? name.substring(0, MAX_TOPIC_LENGTH) : name;
        TableId other = generated.putIfAbsent(topic, table);
        if (other == null) {
            other = overrides.entrySet().stream().filter(e -> e.getValue().equals(topic)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
        if (other != null && !other.equals(table)) {
            throw new FatalException("tables " + other.quoted() + " and " + table.quoted() + " would both write to topic "
                    + topic + " (characters Kafka does not allow become '_'); give one of them a topic of its own with"
                    + " topic-overrides");
        }
        return topic;
    }

    static String sanitize(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            out.append(legal ? c : '_');
        }
        return out.toString();
    }

    private static void requireLegal(String topic) {
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH || !sanitize(topic).equals(topic)
                || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("not a legal Kafka topic name: '" + topic
                    + "' (use letters, digits, '.', '_' and '-', at most 249 characters)");
        }
    }
}
