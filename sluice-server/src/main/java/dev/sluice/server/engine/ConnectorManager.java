package dev.sluice.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.error.SluiceException;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.kafka.connect.ConnectClient;
import dev.sluice.kafka.connect.ConnectorState;
import dev.sluice.kafka.connect.ConnectorSync;
import dev.sluice.kafka.connect.TaskState;
import dev.sluice.postgres.control.ControlObserver;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink connectors of {@code sluice.sink_connectors} on the Kafka Connect cluster: created,
 * updated and deleted as the source reports their rows, with their {@code topics} following the
 * capture list (a table added: its topic added; removed: removed). Connect is called on a thread
 * of its own, never the stream's; a failed call is logged and the whole state is synced again at
 * the next refresh, so a Connect outage delays connectors and never the stream. States are polled
 * on the same thread for status and the API.
 */
final class ConnectorManager implements ControlObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final ConnectorSync sync;
    private final TopicRouter router;
    private final String url;
    private final ScheduledExecutorService worker;
    private final Map<String, Map<String, String>> desired = new ConcurrentHashMap<>();
    private final Map<String, ConnectorState> states = new ConcurrentHashMap<>();
    private volatile List<String> topics = List.of();
    private volatile String lastFailure;

    /** {@code router}: names the topics of captured tables, as the pipeline does. */
    ConnectorManager(String url, String user, String password, TopicRouter router) {
        this.url = url;
        this.sync = new ConnectorSync(new ConnectClient(url, user, password, Duration.ofSeconds(30)));
        this.router = router;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sluice-connect");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void captureChanged(Collection<CaptureRule> rules) {
        TreeSet<String> names = new TreeSet<>();
        for (CaptureRule rule : rules) {
            names.add(rule.topic() != null ? rule.topic() : router.topic(rule.table()));
        }
        topics = List.copyOf(names);
        worker.execute(this::syncAll);
    }

    @Override
    public void connectorsLoaded(Map<String, String> connectors) {
        desired.clear();
        connectors.forEach((name, config) -> desired.put(name, flat(name, config)));
        worker.execute(this::syncAll);
    }

    @Override
    public void connectorChanged(String name, String configJson) {
        if (configJson == null) {
            desired.remove(name);
            states.remove(name);
            worker.execute(() -> remove(name));
        } else {
            desired.put(name, flat(name, configJson));
            worker.execute(this::syncAll);
        }
    }

    /** The live state of a managed connector as JSON, or null when unknown. */
    JsonNode state(String name) {
        ConnectorState state = states.get(name);
        return state == null ? null : json(state);
    }

    /** All managed connectors' states as a JSON array (for the status row). */
    String statesJson() {
        ArrayNode array = JSON.createArrayNode();
        for (String name : new TreeSet<>(desired.keySet())) {
            ConnectorState state = states.get(name);
            array.add(state == null ? JSON.createObjectNode().put("name", name).put("state", "UNKNOWN") : json(state));
        }
        return array.toString();
    }

    /** Why the last call to Connect failed, or null. */
    String lastFailure() {
        return lastFailure;
    }

    private void syncAll() {
        try {
            List<String> written = sync.sync(new LinkedHashMap<>(desired), topics);
            written.forEach(name -> LOG.info("sink connector {} written to Kafka Connect at {} (topics {})", name, url, topics));
            pollStates();
            lastFailure = null;
        } catch (SluiceException e) {
            failed(e);
        }
    }

    private void remove(String name) {
        try {
            if (sync.remove(name)) {
                LOG.info("sink connector {} deleted from Kafka Connect at {}", name, url);
            }
            lastFailure = null;
        } catch (SluiceException e) {
            failed(e);
        }
    }

    private void refresh() {
        if (!desired.isEmpty()) {
            syncAll();
        }
    }

    private void pollStates() {
        for (ConnectorState state : sync.states(desired.keySet())) {
            states.put(state.name(), state);
        }
    }

    private void failed(SluiceException e) {
        if (!e.getMessage().equals(lastFailure)) {
            LOG.warn("sink connectors: {}; trying again in {} s", e.getMessage(), REFRESH.toSeconds());
        }
        lastFailure = e.getMessage();
    }

    /** A connector config from its JSON object: Connect's values are strings. */
    private static Map<String, String> flat(String name, String configJson) {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            JSON.readTree(configJson).properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        } catch (JsonProcessingException e) {
            LOG.warn("sink connector {} has a config that is not JSON ({}); ignored", name, e.getOriginalMessage());
        }
        return config;
    }

    private static JsonNode json(ConnectorState state) {
        ObjectNode node = JSON.createObjectNode().put("name", state.name()).put("state", state.state());
        node.put("worker", state.workerId());
        ArrayNode tasks = node.putArray("tasks");
        for (TaskState task : state.tasks()) {
            ObjectNode t = tasks.addObject().put("id", task.id()).put("state", task.state());
            if (task.trace() != null) {
                t.put("trace", task.trace());
            }
        }
        return node;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
