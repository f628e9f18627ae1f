package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KafkaSinkTest {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestKafka kafka = TestKafka.shared();

    @Test
    void deliversKeysAndValuesIntactAndAcksEveryRecord() {
        String topic = topic("intact");
        RecordingAck ack = new RecordingAck();
        try (KafkaSink sink = sink(kafka, 1)) {
            for (int i = 0; i < 100; i++) {
                sink.send(new SinkRecord(topic, bytes("key-" + i), bytes("value-" + i), 1_700_000_000_000L + i), ack);
            }
            sink.flush();
            assertThat(ack.ackedCount()).isEqualTo(100);
            assertThat(ack.failures()).isEmpty();
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(kafka).readAll(List.of(topic), Duration.ZERO);
        assertThat(records).hasSize(100);
        for (int i = 0; i < 100; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            assertThat(text(record.key())).isEqualTo("key-" + i);
            assertThat(text(record.value())).isEqualTo("value-" + i);
            assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L + i);
        }
    }

    @Test
    void deliversTombstonesAsNullValuesAndUnkeyedRecordsWithNullKeys() {
        String topic = topic("tombstone");
        RecordingAck ack = new RecordingAck();
        try (KafkaSink sink = sink(kafka, 1)) {
            sink.send(new SinkRecord(topic, bytes("k"), bytes("row"), 0), ack);
            sink.send(new SinkRecord(topic, bytes("k"), null, 0), ack);
            sink.send(new SinkRecord(topic, null, bytes("unkeyed"), 0), ack);
            sink.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(kafka).readAll(List.of(topic), Duration.ZERO);
        assertThat(ack.ackedCount()).isEqualTo(3);
        assertThat(records).hasSize(3);
        assertThat(text(records.get(0).value())).isEqualTo("row");
        assertThat(text(records.get(1).key())).isEqualTo("k");
        assertThat(records.get(1).value()).isNull();
        assertThat(records.get(2).key()).isNull();
        assertThat(text(records.get(2).value())).isEqualTo("unkeyed");
    }

    @Test
    void keepsOrderPerKeyAcrossManyRecordsAndPartitions() {
        String topic = topic("order");
        int keys = 20;
        int perKey = 500;
        RecordingAck ack = new RecordingAck();
        try (KafkaSink sink = sink(kafka, 4)) {
            sendSequences(sink, topic, keys, 0, perKey, ack);
            sink.flush();
        }
        assertThat(ack.ackedCount()).isEqualTo(keys * perKey);
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(kafka).readAll(List.of(topic), Duration.ZERO);
        assertThat(records).hasSize(keys * perKey);
        assertInOrderPerKey(records, perKey);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct().count())
                .as("partitions used").isGreaterThan(1);
    }

    @Test
    void createsAMissingTopicWithTheConfiguredPartitionsAndKeepsAnExistingOne() throws Exception {
        String missing = topic("created");
        String existing = topic("existing");
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(existing, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            RecordingAck ack = new RecordingAck();
            try (KafkaSink sink = sink(kafka, 3)) {
                sink.send(new SinkRecord(missing, bytes("k"), bytes("v"), 0), ack);
                sink.send(new SinkRecord(existing, bytes("k"), bytes("v"), 0), ack);
                sink.flush();
            }
            assertThat(ack.ackedCount()).isEqualTo(2);
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(missing, existing))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(missing).partitions()).hasSize(3);
            assertThat(topics.get(existing).partitions()).hasSize(2);
        }
    }

    @Test
    void anInvalidTopicNameFailsTheAckWithAClearFatalError() {
        RecordingAck ack = new RecordingAck();
        try (KafkaSink sink = sink(kafka, 1)) {
            sink.send(new SinkRecord("not a valid topic!", bytes("k"), bytes("v"), 0), ack);
        }
        assertThat(ack.ackedCount()).isZero();
        assertThat(ack.failures()).singleElement()
                .isInstanceOf(FatalException.class)
                .extracting(Throwable::getMessage).asString()
                .startsWith("\"not a valid topic!\" is not a valid Kafka topic name");
    }

    @Test
    @Timeout(180)
    void losesNothingAndDuplicatesNothingWhenTheBrokerRestartsMidStream() {
        try (TestKafka broker = TestKafka.startNew()) {
            String topic = topic("restart");
            int keys = 10;
            int perKey = 300;
            int third = perKey / 3;
            RecordingAck ack = new RecordingAck();
            try (KafkaSink sink = sink(broker, 3)) {
                sendSequences(sink, topic, keys, 0, third, ack);
                sink.flush();
                assertThat(ack.ackedCount()).isEqualTo(keys * third);

                // The broker goes down and comes back on another thread while the pipeline thread
                // keeps sending (blocking while no broker answers), as in production.
                CompletableFuture<Void> stopped = new CompletableFuture<>();
                CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> {
                    broker.stop();
                    stopped.complete(null);
                    broker.start();
                });
                stopped.join();
                sendSequences(sink, topic, keys, third, 2 * third, ack);
                restarted.join();
                sendSequences(sink, topic, keys, 2 * third, perKey, ack);

                await().atMost(WAIT).until(() -> ack.answered() == keys * perKey);
                assertThat(ack.failures()).isEmpty();
                assertThat(ack.ackedCount()).isEqualTo(keys * perKey);
            }
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(broker).readAll(List.of(topic), Duration.ZERO);
            assertThat(records).hasSize(keys * perKey);
            Set<String> distinct = new LinkedHashSet<>();
            records.forEach(r -> distinct.add(text(r.key()) + "/" + text(r.value())));
            assertThat(distinct).hasSize(keys * perKey);
            assertInOrderPerKey(records, perKey);
        }
    }

    @Test
    @Timeout(120)
    void aBrokerThatStaysDownFailsTheAckWithARetriableError() {
        try (TestKafka broker = TestKafka.startNew()) {
            String topic = topic("down");
            RecordingAck ack = new RecordingAck();
            Map<String, String> shortTimeouts = Map.of(
                    "delivery.timeout.ms", "3000", "request.timeout.ms", "1000", "max.block.ms", "2000");
            try (KafkaSink sink = new KafkaSink(broker.bootstrapServers(), shortTimeouts, 1, (short) 1)) {
                sink.send(new SinkRecord(topic, bytes("k"), bytes("before"), 0), ack);
                sink.flush();
                assertThat(ack.ackedCount()).isEqualTo(1);

                broker.stop();
                sink.send(new SinkRecord(topic, bytes("k"), bytes("while down"), 0), ack);
                await().atMost(WAIT).until(() -> ack.answered() == 2);
            }
            assertThat(ack.failures()).singleElement()
                    .isInstanceOf(RetriableException.class)
                    .extracting(Throwable::getMessage).asString()
                    .startsWith("Kafka at " + broker.bootstrapServers() + " did not confirm a record for topic " + topic);
        }
    }

    private static void sendSequences(KafkaSink sink, String topic, int keys, int from, int to, RecordingAck ack) {
        for (int seq = from; seq < to; seq++) {
            for (int key = 0; key < keys; key++) {
                sink.send(new SinkRecord(topic, bytes("key-" + key), bytes(Integer.toString(seq)), 0), ack);
            }
        }
    }

    private static void assertInOrderPerKey(List<ConsumerRecord<byte[], byte[]>> records, int perKey) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        records.forEach(r -> byKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(Integer.parseInt(text(r.value()))));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            expected.add(i);
        }
        byKey.forEach((key, values) -> assertThat(values).as("values of %s", key).isEqualTo(expected));
    }

    private static KafkaSink sink(TestKafka broker, int partitions) {
        return new KafkaSink(broker.bootstrapServers(), Map.of(), partitions, (short) 1);
    }

    private static Admin admin(TestKafka broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static String topic(String name) {
        return "sink-" + name + "-" + TOPICS.incrementAndGet();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
