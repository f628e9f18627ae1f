package dev.sluice.kafka.connect;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.SluiceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sink connectors that Sluice manages in step with what Sluice wants, through a
 * {@link ConnectClient}.
 *
 * <p>Each managed connector is the user's configuration plus two keys that Sluice owns:
 * <ul>
 *   <li>{@code topics}: the topics Sluice writes (its capture list's topics), sorted and joined
 *       by commas. A {@code topics} in the user's configuration is replaced and a
 *       {@code topics.regex} removed, so that the connector reads exactly what Sluice writes and
 *       follows the capture list when it changes;
 *   <li>{@code name}: the connector's name, as Connect requires it to match the URL.
 * </ul>
 * A connector is written only when its live configuration differs from that, so a sync that
 * changes nothing neither restarts a connector nor rebalances the cluster.
 *
 * <p>Connect refuses a sink connector with neither {@code topics} nor {@code topics.regex}. While
 * Sluice writes no topic, a connector that does not exist yet is not created and
 * {@link #states} reports it as {@link ConnectorState#WAITING_FOR_TOPICS}; one that exists keeps
 * its last topics.
 *
 * <p>Thread-safe: {@link #sync} calls are serialized; {@link #states} and {@link #remove} may run
 * alongside them.
 */
public final class ConnectorSync {

    /** The configuration key that lists a sink connector's topics; Sluice owns it. */
    public static final String TOPICS = "topics";
    /** The alternative to {@link #TOPICS}; removed from managed connectors. */
    public static final String TOPICS_REGEX = "topics.regex";
    private static final String NAME = "name";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorSync.class);

    private final ConnectClient client;
    /** Connectors left uncreated by the last sync because there were no topics. */
    private volatile Set<String> waitingForTopics = Set.of();

    public ConnectorSync(ConnectClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Creates or updates each of {@code connectors} (name to the user's configuration) to read
     * {@code topics}. Connectors not named here are left alone: removing one is {@link #remove}.
     * Every connector is tried even when one fails; then the first fatal failure, or else the
     * first failure, is thrown with the others suppressed in it.
     *
     * @return the names of the connectors whose configuration was written, in name order
     * @throws SluiceException as {@link ConnectClient} does
     */
    public synchronized List<String> sync(Map<String, Map<String, String>> connectors, Collection<String> topics) {
        if (topics.isEmpty()) {
            Set<String> waiting = new TreeSet<>();
            for (String name : connectors.keySet()) {
                if (client.config(name).isEmpty()) {
                    waiting.add(name);
                }
            }
            waitingForTopics = Set.copyOf(waiting);
            if (!waiting.isEmpty()) {
                LOG.info("connectors {} wait for a first captured topic before Sluice creates them", waiting);
            }
            return List.of();
        }
        waitingForTopics = Set.of();
        List<String> written = new ArrayList<>();
        List<SluiceException> failures = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> connector : new TreeMap<>(connectors).entrySet()) {
            try {
                if (write(connector.getKey(), desiredConfig(connector.getKey(), connector.getValue(), topics))) {
                    written.add(connector.getKey());
                }
            } catch (SluiceException e) {
                failures.add(e);
            }
        }
        throwFailures(failures);
        return List.copyOf(written);
    }

    /** Deletes connector {@code name}; {@code false} if Connect had none of that name. */
    public boolean remove(String name) {
        boolean deleted = client.delete(name);
        if (deleted) {
            LOG.info("deleted connector \"{}\" from Kafka Connect at {}", name, client.url());
        }
        return deleted;
    }

    /**
     * The live state of each connector in {@code names}, in that order: Connect's, or
     * {@link ConnectorState#WAITING_FOR_TOPICS} for one the last sync could not create, or
     * {@link ConnectorState#MISSING} for one Connect does not have.
     */
    public List<ConnectorState> states(Collection<String> names) {
        Set<String> waiting = waitingForTopics;
        List<ConnectorState> states = new ArrayList<>(names.size());
        for (String name : names) {
            states.add(client.status(name).orElseGet(() -> ConnectorState.notRunning(name,
                    waiting.contains(name) ? ConnectorState.WAITING_FOR_TOPICS : ConnectorState.MISSING)));
        }
        return states;
    }

    /**
     * The configuration Sluice gives connector {@code name}: the user's, with {@code topics} set to
     * {@code topics} sorted and comma-joined, {@code topics.regex} removed and {@code name} set.
     */
    static Map<String, String> desiredConfig(String name, Map<String, String> userConfig, Collection<String> topics) {
        Map<String, String> config = new TreeMap<>(userConfig);
        config.remove(TOPICS_REGEX);
        config.put(TOPICS, String.join(",", new TreeSet<>(topics)));
        config.put(NAME, name);
        return config;
    }

    /** Writes {@code desired} unless Connect already has exactly it; true if written. */
    private boolean write(String name, Map<String, String> desired) {
        Map<String, String> live = client.config(name).orElse(null);
        if (desired.equals(live)) {
            return false;
        }
        client.putConfig(name, desired);
        LOG.info("{} connector \"{}\" on Kafka Connect at {} with topics {}", live == null ? "created" : "updated",
                name, client.url(), desired.get(TOPICS));
        return true;
    }

    private static void throwFailures(List<SluiceException> failures) {
        if (failures.isEmpty()) {
            return;
        }
        SluiceException first = failures.stream().filter(FatalException.class::isInstance).findFirst()
                .orElse(failures.get(0));
        failures.stream().filter(failure -> failure != first).forEach(first::addSuppressed);
        throw first;
    }
}
