package dev.sluice.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside the test
 * JVM on {@code 127.0.0.1}, with replication factor 1 for the internal topics, topic
 * auto-creation on and no initial rebalance delay.
 *
 * <p>Why it exists: the Kafka sink's promises (acks only when durable, order per key, nothing lost
 * across a broker restart) can only be shown against a real broker, and no Docker is available.
 * {@link #shared()} gives one broker per JVM; a fault-injection test takes its own with
 * {@link #startNew()} and may {@link #stop()} and {@link #start()} it: it comes back on the same
 * port with the same log directory, so clients reconnect and find their data.
 *
 * <p>Thread-safe.
 */
public final class TestKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Node ids differ per broker in the JVM so that their JMX names do not collide. */
    private static final AtomicInteger NODE_IDS = new AtomicInteger();

    private static TestKafka shared;

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final int nodeId;
    private final boolean owned;
    private KafkaRaftServer server;
    private boolean closed;

    private final java.util.List<Runnable> beforeShutdown = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestKafka(boolean owned) {
        this.owned = owned;
        this.nodeId = NODE_IDS.incrementAndGet();
        try {
            this.logDir = Files.createTempDirectory("sluice-kafka-");
            int[] ports = freePorts();
            this.brokerPort = ports[0];
            this.controllerPort = ports[1];
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare an in-process Kafka broker", e);
        }
        format(config());
    }

    /** The JVM's shared broker, started on first use and stopped when the JVM exits. It cannot be stopped or closed. */
    public static synchronized TestKafka shared() {
        if (shared == null) {
            TestKafka kafka = new TestKafka(false);
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "test-kafka-shutdown"));
            shared = kafka;
        }
        return shared;
    }

    /** Starts a broker that the caller owns: it may {@link #stop()}, {@link #start()} and must {@link #close()} it. */
    public static TestKafka startNew() {
        TestKafka kafka = new TestKafka(true);
        kafka.start();
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}; the same across {@link #stop()} and {@link #start()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker (again) on its port and log directory and returns once it answers
     * clients. Does nothing if it is running.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this broker was closed; use TestKafka.startNew()");
        }
        if (server != null) {
            return;
        }
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(config(), false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw new IllegalStateException("in-process Kafka broker did not start on " + bootstrapServers(), e);
        }
        server = starting;
        awaitReady();
    }

    /** Stops the broker, keeping its port and data for a later {@link #start()}. Only for an owned broker. */
    public synchronized void stop() {
        requireOwned("stop");
        shutDown();
    }

    /** Stops an owned broker and deletes its data; does nothing for the {@link #shared()} one. */
    @Override
    public void close() {
        if (owned) {
            destroy();
        }
    }

    /**
     * Runs {@code action} when the shared broker shuts down, before it stops: a client of the broker
     * (such as the shared Kafka Connect worker) can then close while the broker still answers, instead
     * of waiting out its timeouts when the JVM exits.
     */
    public void beforeShutdown(Runnable action) {
        beforeShutdown.add(action);
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        for (Runnable action : beforeShutdown) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // The broker stops anyway; a client that failed to close first only slows the exit.
            }
        }
        shutDown();
        closed = true;
        deleteRecursively(logDir);
    }

    private synchronized void shutDown() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private void requireOwned(String action) {
        if (!owned) {
            throw new IllegalStateException("cannot " + action + " the shared broker; use TestKafka.startNew()");
        }
    }

    private Properties config() {
        String broker = "PLAINTEXT://127.0.0.1:" + brokerPort;
        String controller = "CONTROLLER://127.0.0.1:" + controllerPort;
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", nodeId + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", broker + "," + controller),
                Map.entry("advertised.listeners", broker),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // The cleaner's default 128 MB buffer is wasted on test topics.
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4")));
        return props;
    }

    private void format(Properties props) {
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(nodeId)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(logDir.toString());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
    }

    /** Startup returns before the broker may serve every request; a metadata round trip proves it does. */
    private void awaitReady() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("in-process Kafka broker on " + bootstrapServers() + " is not answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the in-process Kafka broker", e);
        }
    }

    /** Two distinct free ports: both sockets are held open together, so the system cannot hand out one port twice. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket first = bound(); ServerSocket second = bound()) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }

    private static ServerSocket bound() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    /** Deletes a test server's working directory and everything in it. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the test directory " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "TestKafka[" + bootstrapServers() + (owned ? ", owned" : ", shared") + "]";
    }
}
