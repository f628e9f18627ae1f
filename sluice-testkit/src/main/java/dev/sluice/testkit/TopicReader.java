package dev.sluice.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what a user's consumer would see in some topics, from the beginning, for assertions.
 *
 * <p>Why it is built so: every call uses a fresh consumer with manually assigned partitions and no
 * group, so a call always sees the whole topic, commits nothing, and never depends on a previous
 * call. It reads committed records only ({@code read_committed}) and never creates a topic: a
 * topic that does not exist yet reads as empty until it appears. It waits by polling with a
 * deadline, never by sleeping.
 *
 * <p>Thread-safe: it holds only the connection settings.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #readAll} may take in all before it decides the topics never go quiet. */
    private static final Duration READ_ALL_LIMIT = Duration.ofMinutes(2);

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A reader for the given broker. */
    public static TopicReader of(TestKafka kafka) {
        return new TopicReader(kafka.bootstrapServers());
    }

    /**
     * Reads {@code topics} from the beginning until {@code done} holds for the records read so far
     * (in each partition's order; partitions interleaved) and returns them.
     *
     * @throws IllegalStateException if {@code done} does not hold within {@code timeout}; the
     *         message says how many records were read from each topic
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(Collection<String> topics,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Session session = new Session(topics)) {
            while (true) {
                session.pollOnce();
                if (done.test(session.readOnly())) {
                    return List.copyOf(session.records);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("condition not met within " + timeout + " reading "
                            + session.summary());
                }
            }
        }
    }

    /**
     * Reads everything in {@code topics}: returns once every partition is read to its end and no
     * new record arrived for {@code quiet} ({@link Duration#ZERO} returns as soon as the ends are
     * reached). Missing topics read as empty.
     *
     * @throws IllegalStateException if the topics do not go quiet within two minutes
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(Collection<String> topics, Duration quiet) {
        long limit = System.nanoTime() + READ_ALL_LIMIT.toNanos();
        try (Session session = new Session(topics)) {
            long quietSince = System.nanoTime();
            int seen = 0;
            while (true) {
                session.pollOnce();
                if (session.records.size() != seen) {
                    seen = session.records.size();
                    quietSince = System.nanoTime();
                }
                if (session.atEnd() && System.nanoTime() - quietSince >= quiet.toNanos()) {
                    return List.copyOf(session.records);
                }
                if (System.nanoTime() - limit > 0) {
                    throw new IllegalStateException("topics did not go quiet for " + quiet + " within "
                            + READ_ALL_LIMIT + " reading " + session.summary());
                }
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-topic-reader");
        return config;
    }

    /** One consumer reading the topics from the beginning, picking up topics as they appear. */
    private final class Session implements AutoCloseable {
        final Set<String> topics;
        final Set<String> assignedTopics = new HashSet<>();
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        final KafkaConsumer<byte[], byte[]> consumer;

        Session(Collection<String> topics) {
            this.topics = new LinkedHashSet<>(topics);
            this.consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        List<ConsumerRecord<byte[], byte[]>> readOnly() {
            return Collections.unmodifiableList(records);
        }

        void pollOnce() {
            assignNewTopics();
            if (consumer.assignment().isEmpty()) {
                // None of the topics exists yet and a consumer cannot poll nothing: wait one poll
                // interval before asking for the topics again instead of spinning on metadata.
                LockSupport.parkNanos(POLL.toNanos());
                return;
            }
            consumer.poll(POLL).forEach(records::add);
        }

        private void assignNewTopics() {
            if (assignedTopics.size() == topics.size()) {
                return;
            }
            Set<TopicPartition> partitions = new HashSet<>(consumer.assignment());
            for (String topic : topics) {
                if (assignedTopics.contains(topic)) {
                    continue;
                }
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    assignedTopics.add(topic);
                }
            }
            consumer.assign(partitions);
        }

        /** True when every existing partition is read up to its current end (its last stable offset). */
        boolean atEnd() {
            Set<TopicPartition> assignment = consumer.assignment();
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, METADATA_TIMEOUT);
            for (TopicPartition partition : assignment) {
                if (consumer.position(partition, METADATA_TIMEOUT) < ends.get(partition)) {
                    return false;
                }
            }
            return true;
        }

        String summary() {
            Map<String, Integer> perTopic = new TreeMap<>();
            topics.forEach(topic -> perTopic.put(topic, 0));
            records.forEach(record -> perTopic.merge(record.topic(), 1, Integer::sum));
            Set<String> missing = new HashSet<>(topics);
            missing.removeAll(assignedTopics);
            return records.size() + " records " + perTopic + (missing.isEmpty() ? "" : ", topics not found: " + missing);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
