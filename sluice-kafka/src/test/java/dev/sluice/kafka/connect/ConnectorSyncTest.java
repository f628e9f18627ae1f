package dev.sluice.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.sluice.testkit.TestConnect;
import dev.sluice.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectorSync} against a real Kafka Connect worker and a real broker. */
class ConnectorSyncTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestKafka kafka;
    private static ConnectClient client;

    private final List<String> connectors = new ArrayList<>();
    private final ConnectorSync sync = new ConnectorSync(client);

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker() {
        kafka = TestKafka.shared();
        client = new ConnectClient(TestConnect.shared(kafka).url(), Duration.ofSeconds(30));
    }

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(client::delete);
    }

    @Test
    void fileSinkReadsExactlyTheTopicsSluiceWritesAsTheyChange() {
        String first = name("first");
        String second = name("second");
        String third = name("third");
        Path file = dir.resolve("sink.jsonl");
        String connector = connector("files");
        // The user's topics.regex would make the sink read more than Sluice writes: Sluice's list replaces it.
        Map<String, Map<String, String>> desired = Map.of(connector, Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "file", file.toString(),
                "tasks.max", "1",
                ConnectorSync.TOPICS_REGEX, "sluice\\..*"));

        assertThat(sync.sync(desired, List.of(second, first))).containsExactly(connector);
        assertThat(client.config(connector).orElseThrow())
                .containsEntry("topics", first + "," + second)
                .doesNotContainKey(ConnectorSync.TOPICS_REGEX);
        List<String> before = produce(first, 0, 5);
        before.addAll(produce(second, 0, 5));
        awaitLines(file, before);
        assertThat(sync.sync(desired, List.of(first, second))).as("an unchanged connector is not written").isEmpty();

        assertThat(sync.sync(desired, List.of(second, third))).containsExactly(connector);
        // The new topic is read only by the reconfigured task, which starts after the old one stopped.
        awaitLines(file, produce(third, 0, 1));
        List<String> dropped = produce(first, 5, 10);
        List<String> after = produce(second, 5, 10);
        after.addAll(produce(third, 1, 10));
        awaitLines(file, after);
        assertThat(lines(file)).doesNotContainAnyElementsOf(dropped);

        ConnectorState state = sync.states(List.of(connector)).get(0);
        assertThat(state.state()).isEqualTo("RUNNING");
        assertThat(state.workerId()).isNotBlank();
        assertThat(state.tasks()).extracting(TaskState::id, TaskState::state).containsExactly(
                tuple(0, "RUNNING"));
    }

    @Test
    void removedConnectorIsGoneAndReportedMissing() {
        String connector = connector("removed");
        sync.sync(Map.of(connector, fileSink(dir.resolve("removed.jsonl"))), List.of(name("removed")));
        assertThat(client.list()).contains(connector);

        assertThat(sync.remove(connector)).isTrue();

        assertThat(client.list()).doesNotContain(connector);
        assertThat(sync.states(List.of(connector))).containsExactly(
                new ConnectorState(connector, ConnectorState.MISSING, null, List.of()));
        assertThat(sync.remove(connector)).as("a second delete finds nothing").isFalse();
    }

    @Test
    void sinkWithoutTopicsWaitsAndIsCreatedWithTheFirstTopic() {
        String connector = connector("waiting");
        Map<String, Map<String, String>> desired = Map.of(connector, fileSink(dir.resolve("waiting.jsonl")));

        assertThat(sync.sync(desired, List.of())).isEmpty();

        assertThat(client.list()).doesNotContain(connector);
        assertThat(sync.states(List.of(connector))).extracting(ConnectorState::state)
                .containsExactly(ConnectorState.WAITING_FOR_TOPICS);

        assertThat(sync.sync(desired, List.of(name("waiting")))).containsExactly(connector);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sync.states(List.of(connector)))
                .extracting(ConnectorState::state).containsExactly("RUNNING"));
    }

    @Test
    void sluiceOwnsTopicsAndNameOfTheConfig() {
        Map<String, String> user = Map.of("connector.class", "X", "topics", "theirs", "topics.regex", "t.*",
                "name", "other", "tasks.max", "2");

        assertThat(ConnectorSync.desiredConfig("mine", user, List.of("b", "a", "b"))).isEqualTo(Map.of(
                "connector.class", "X", "topics", "a,b", "name", "mine", "tasks.max", "2"));
    }

    private Map<String, String> fileSink(Path file) {
        return Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "file", file.toString(), "tasks.max", "1");
    }

    private String connector(String role) {
        String connector = "sync-" + role + "-" + NAMES.incrementAndGet();
        connectors.add(connector);
        return connector;
    }

    private static String name(String role) {
        return "sluice.connect-sync." + role + "-" + NAMES.incrementAndGet();
    }

    /** Sends Sluice-like JSON values {@code from} (inclusive) to {@code to} (exclusive) to {@code topic}; returns them. */
    private static List<String> produce(String topic, int from, int to) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<String> values = IntStream.range(from, to)
                .mapToObj(i -> "{\"op\":\"c\",\"topic\":\"" + topic + "\",\"after\":{\"id\":" + i + "}}")
                .collect(Collectors.toCollection(ArrayList::new));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
            producer.flush();
        }
        return values;
    }

    private static void awaitLines(Path file, List<String> expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(lines(file)).containsAll(expected));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
