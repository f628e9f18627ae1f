package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.ConnectRestServer;
import org.apache.kafka.connect.runtime.rest.RestClient;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * A real Kafka Connect standalone worker running inside the test JVM against a {@link TestKafka}
 * broker, with its REST API on {@code http://127.0.0.1:<free port>}.
 *
 * <p>Why it exists: Sluice manages sink connectors through Connect's REST API, and what Connect
 * accepts, refuses and reports can only be shown against a real worker. The worker converts keys
 * and values with {@link StringConverter}, so a {@code FileStreamSinkConnector} writes each of
 * Sluice's JSON values as one line. Plugins are found through their {@code ServiceLoader}
 * manifests ({@code plugin.discovery=service_load}) on the classpath only: every Kafka plugin jar
 * carries them, and it spares the reflective scan of the whole test classpath. Offsets of source
 * connectors go to a file in a temporary directory; sink offsets are the consumer group's.
 * Offsets (and so the FileStream sink's output) are flushed every 200 ms.
 *
 * <p>It is wired as {@code ConnectStandalone} wires a worker, but a start failure is thrown rather
 * than ending the JVM ({@code ConnectStandalone} calls {@code Exit.exit}), and the caller's
 * context class loader is restored. The REST server binds port 0, so no port can be taken by
 * someone else between choosing and binding it.
 *
 * <p>{@link #shared(TestKafka)} gives one worker per JVM; a test that needs its own takes
 * {@link #start(TestKafka)} and closes it. Thread-safe.
 */
public final class TestConnect implements AutoCloseable {

    private static final String FLUSH_INTERVAL_MS = "200";

    private static TestConnect shared;

    private final Connect<StandaloneHerder> connect;
    private final String url;
    private final String bootstrapServers;
    private final Path workDir;
    private final boolean owned;
    private boolean closed;

    private TestConnect(Connect<StandaloneHerder> connect, String url, String bootstrapServers, Path workDir,
            boolean owned) {
        this.connect = connect;
        this.url = url;
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
        this.owned = owned;
    }

    /**
     * The JVM's shared worker on {@code kafka}, started on first use and stopped when the JVM
     * exits. It cannot be closed.
     *
     * @throws IllegalStateException if the shared worker runs against another broker
     */
    public static synchronized TestConnect shared(TestKafka kafka) {
        if (shared == null) {
            TestConnect worker = start(kafka, false);
            // Stopped by the broker's shutdown, before the broker: its sink tasks' consumers then leave their
            // groups at once instead of waiting out their close timeout against a broker that is gone.
            kafka.beforeShutdown(worker::stopAtExit);
            shared = worker;
        } else if (!shared.bootstrapServers.equals(kafka.bootstrapServers())) {
            throw new IllegalStateException("the shared Kafka Connect worker runs against " + shared.bootstrapServers
                    + ", not " + kafka.bootstrapServers() + "; use TestConnect.start(kafka) for another broker");
        }
        return shared;
    }

    /** Starts a worker that the caller owns and must {@link #close()}; returns once its REST API answers. */
    public static TestConnect start(TestKafka kafka) {
        return start(kafka, true);
    }

    /** The REST API's base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return url;
    }

    /** Stops an owned worker and deletes its files; does nothing for the {@link #shared(TestKafka)} one. */
    @Override
    public void close() {
        if (owned) {
            destroy();
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        deleteConnectors();
        connect.stop();
        TestKafka.deleteRecursively(workDir);
    }

    /**
     * The shared worker at JVM exit, before the broker stops: its connectors are deleted and its
     * herder stopped, so every task closes while the broker answers. Its REST server is left to die
     * with the JVM: Jetty's graceful stop can wait for idle threads for a long time, and nothing
     * outlives the process anyway.
     */
    private synchronized void stopAtExit() {
        if (closed) {
            return;
        }
        closed = true;
        deleteConnectors();
        connect.herder().stop();
        TestKafka.deleteRecursively(workDir);
    }

    /**
     * Connect registers a JVM shutdown hook that stops the worker. It would race the broker's own
     * shutdown at the end of a test JVM: a sink task's consumer closing after the broker stopped
     * waits out its 30 s close timeout. The worker is stopped by {@link #destroy} instead, before the
     * broker (shared) or by its owner. If Connect's internals differ, its hook simply stays.
     */
    private static void withoutOwnShutdownHook(Connect<?> connect) {
        try {
            java.lang.reflect.Field field = Connect.class.getDeclaredField("shutdownHook");
            field.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) field.get(connect));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Keep the hook: exiting may then take longer, nothing else changes.
        }
    }

    /**
     * Deletes the connectors tests left running, while the broker still answers, so their sink tasks'
     * consumers leave their groups at once (the standalone herder completes these callbacks in the
     * calling thread).
     */
    private void deleteConnectors() {
        try {
            connect.herder().connectors((error, names) -> {
                if (names != null) {
                    names.forEach(name -> connect.herder().deleteConnectorConfig(name, (e, deleted) -> { }));
                }
            });
        } catch (RuntimeException e) {
            // Connect's own shutdown hook may be stopping the herder at the same time: it stops the tasks too.
        }
    }

    private static TestConnect start(TestKafka kafka, boolean owned) {
        Path workDir = createWorkDir();
        Map<String, String> props = workerProps(kafka, workDir);
        Plugins plugins = new Plugins(props);
        try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
            StandaloneConfig config = new StandaloneConfig(props);
            ConnectRestServer rest = new ConnectRestServer(config.rebalanceTimeout(), new RestClient(config), props);
            rest.initializeServer();
            Connect<StandaloneHerder> connect;
            try {
                connect = new Connect<>(herder(config, plugins, rest), rest);
            } catch (RuntimeException e) {
                rest.stop();
                throw e;
            }
            try {
                connect.start();
            } catch (RuntimeException e) {
                connect.stop();
                throw e;
            }
            withoutOwnShutdownHook(connect);
            String url = rest.advertisedUrl().toString().replaceAll("/+$", "");
            return new TestConnect(connect, url, kafka.bootstrapServers(), workDir, owned);
        } catch (RuntimeException e) {
            TestKafka.deleteRecursively(workDir);
            throw new IllegalStateException("in-process Kafka Connect worker on " + kafka + " did not start", e);
        }
    }

    /**
     * A standalone herder as {@code ConnectStandalone} builds it: file offsets, id = the REST
     * host:port, and Connect's default client-override policy ({@code All}).
     */
    private static StandaloneHerder herder(StandaloneConfig config, Plugins plugins, ConnectRestServer rest) {
        // Connect's default policy, made directly: Plugins.newPlugin would need maven-artifact at compile time.
        ConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(
                plugins.newInternalConverter(true, JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
        offsets.configure(config);
        String workerId = rest.advertisedUrl().getHost() + ":" + rest.advertisedUrl().getPort();
        Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsets, policy);
        return new StandaloneHerder(worker, config.kafkaClusterId(), policy);
    }

    private static Map<String, String> workerProps(TestKafka kafka, Path workDir) {
        String converter = StringConverter.class.getName();
        return Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "listeners", "http://127.0.0.1:0",
                "key.converter", converter,
                "value.converter", converter,
                "offset.storage.file.filename", workDir.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms", FLUSH_INTERVAL_MS,
                "plugin.discovery", "service_load",
                // A test stops connectors often; do not wait the default 5 s for a task that will not stop.
                "task.shutdown.graceful.timeout.ms", "2000");
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("sluice-connect-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare an in-process Kafka Connect worker", e);
        }
    }

    @Override
    public String toString() {
        return "TestConnect[" + url + " on " + bootstrapServers + (owned ? ", owned" : ", shared") + "]";
    }
}
