package dev.sluice.kafka;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.error.SluiceException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a topic exists before the sink's first record to it, creating it with Sluice's
 * partition count and replication factor instead of leaving it to the brokers' auto-creation
 * (which may be off, and which would pick the brokers' defaults).
 *
 * <p>Why a cache: the check costs a round trip, and the sink asks before every record; a topic
 * once known to exist is not asked about again. Not thread-safe: used from the sink's calling
 * thread only.
 */
final class TopicProvisioner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final String servers;
    private final Optional<Integer> partitions;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;
    private final Set<String> known = new HashSet<>();

    /** {@code partitions} or {@code replicationFactor} of -1 take the brokers' defaults. */
    TopicProvisioner(Admin admin, String servers, int partitions, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.servers = servers;
        this.partitions = partitions == -1 ? Optional.empty() : Optional.of(partitions);
        this.replicationFactor = replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor);
        this.timeout = timeout;
    }

    /**
     * Returns once {@code topic} exists.
     *
     * @throws FatalException when the topic cannot be created and retrying will not help
     *         (invalid name, too few brokers for the replication factor, not authorized)
     * @throws RetriableException when the brokers did not answer in time
     */
    void ensureExists(String topic) {
        if (known.contains(topic)) {
            return;
        }
        NewTopic request = new NewTopic(topic, partitions, replicationFactor);
        long timeoutMs = timeout.toMillis();
        try {
            CreateTopicsResult created = admin.createTopics(List.of(request),
                    new CreateTopicsOptions().timeoutMs((int) timeoutMs));
            created.all().get(timeoutMs, TimeUnit.MILLISECONDS);
            int count = created.numPartitions(topic).get(timeoutMs, TimeUnit.MILLISECONDS);
            awaitLeaders(topic, count);
            LOG.info("created Kafka topic {} ({} partitions, replication factor {})", topic, count,
                    replicationFactor.map(String::valueOf).orElse("broker default"));
        } catch (ExecutionException e) {
            Throwable cause = KafkaFailures.unwrap(e);
            boolean presentAnyway = cause instanceof TopicExistsException
                    || cause instanceof AuthorizationException && exists(topic);
            if (!presentAnyway) {
                throw failure(topic, cause);
            }
        } catch (TimeoutException e) {
            throw new RetriableException("Kafka at " + servers + " did not answer within "
                    + KafkaFailures.seconds(timeout) + " while creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while creating Kafka topic " + topic, e);
        }
        known.add(topic);
    }

    /**
     * Returns once every partition of a new topic has a leader that serves requests.
     *
     * <p>Why: the brokers confirm a creation before the partition leaders are ready. An
     * idempotent producer sending at once may see its first batch refused ("not leader") while a
     * later in-flight batch is already accepted, since the leader knows nothing yet of the
     * producer; the retried first batch is then out of sequence, which breaks the per-key order
     * and fails the records after {@code delivery.timeout.ms}. Listing offsets is answered by the
     * partition leader only, and the admin client retries it until the leader is ready.
     */
    private void awaitLeaders(String topic, int partitionCount)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitionCount; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // Right after creation the metadata may not have reached the broker that answers:
                // "unknown topic" or "leader not available" is then a matter of moments, not a failure.
                if (!(KafkaFailures.unwrap(e) instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private SluiceException failure(String topic, Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return KafkaFailures.authorization(servers, "create topic " + topic
                    + " (create it beforehand or grant CREATE)", cause);
        }
        if (cause instanceof AuthenticationException) {
            return KafkaFailures.authentication(servers, cause);
        }
        if (cause instanceof InvalidTopicException) {
            return new FatalException("\"" + topic + "\" is not a valid Kafka topic name (" + cause.getMessage()
                    + "); change the table-to-topic mapping", cause);
        }
        if (cause instanceof InvalidReplicationFactorException || cause instanceof InvalidPartitionsException
                || cause instanceof PolicyViolationException) {
            return new FatalException("Kafka at " + servers + " refused to create topic " + topic + " ("
                    + cause.getMessage() + "); check the partitions and replication factor configured for the sink's topics", cause);
        }
        return new RetriableException("could not create Kafka topic " + topic + " at " + servers + ": "
                + cause.getMessage(), cause);
    }

    private boolean exists(String topic) {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
