package dev.sluice.kafka;

import dev.sluice.core.error.SluiceException;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka sink: each {@link SinkRecord} becomes one Kafka record (key and value as given, a
 * {@code null} value is a tombstone), sent by an idempotent producer.
 *
 * <p>Durability: {@link Ack#acked()} is called from the producer's callback, i.e. once the
 * brokers confirmed the record under {@code acks=all} (the default; overriding {@code acks}
 * weakens the {@link Sink} contract). A broker that goes away is retried within
 * {@code delivery.timeout.ms} (two minutes by default) without losing or duplicating a record;
 * only a final failure reaches {@link Ack#failed}, with a {@link dev.sluice.core.error.RetriableException}
 * or, where retrying cannot help (authorization, record too large), a
 * {@link dev.sluice.core.error.FatalException}, whose cause is the Kafka client's exception.
 *
 * <p>Order: records of one topic and key go to one partition and keep their send order, also
 * across retries (idempotence with at most 5 requests in flight per connection).
 *
 * <p>Topics are created before their first record if missing, with the configured partitions and
 * replication factor.
 *
 * <p>Thread-safety: {@link #send}, {@link #flush} and {@link #close} are called from one thread
 * (the pipeline's); acks run on the producer's I/O thread.
 */
public final class KafkaSink implements Sink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String servers;
    private final Producer<byte[], byte[]> producer;
    private final TopicProvisioner topics;

    /**
     * Creates the producer and admin client; it does not contact the brokers (see
     * {@link #open} for a sink that checks them first).
     *
     * @param bootstrapServers   {@code host:port[,host:port…]}
     * @param producerProperties Kafka producer properties; each overrides Sluice's default
     *                           ({@code enable.idempotence=true}, {@code acks=all},
     *                           {@code compression.type=lz4}, {@code linger.ms=5},
     *                           {@code batch.size=262144},
     *                           {@code max.in.flight.requests.per.connection=5},
     *                           {@code delivery.timeout.ms=120000}); the connection and security
     *                           ones are used for creating topics too
     * @param partitions         partitions of topics Sluice creates; -1 for the brokers' default
     * @param replicationFactor  replication factor of topics Sluice creates; -1 for the brokers' default
     * @throws dev.sluice.core.error.FatalException when the servers or properties are not valid
     */
    public KafkaSink(String bootstrapServers, Map<String, String> producerProperties, int partitions,
            short replicationFactor) {
        requireDefaultOrPositive("partitions", partitions);
        requireDefaultOrPositive("replicationFactor", replicationFactor);
        this.servers = bootstrapServers;
        this.producer = newProducer(bootstrapServers, producerProperties);
        try {
            this.topics = new TopicProvisioner(KafkaClients.admin(bootstrapServers, producerProperties, ADMIN_TIMEOUT),
                    bootstrapServers, partitions, replicationFactor, ADMIN_TIMEOUT);
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw KafkaFailures.construction(bootstrapServers, e);
        }
    }

    /**
     * Checks that the brokers answer ({@link KafkaPreflight}, 10 s) and then creates the sink.
     *
     * @throws dev.sluice.core.error.FatalException with one line naming the servers and the fix
     */
    public static KafkaSink open(String bootstrapServers, Map<String, String> producerProperties, int partitions,
            short replicationFactor) {
        KafkaPreflight.check(bootstrapServers, producerProperties);
        return new KafkaSink(bootstrapServers, producerProperties, partitions, replicationFactor);
    }

    /**
     * Hands the record to the producer and returns; {@code ack} is called later. Never throws for
     * a Kafka failure: it goes to {@link Ack#failed}. A record whose timestamp is not positive
     * gets the producer's current time.
     */
    @Override
    public void send(SinkRecord record, Ack ack) {
        try {
            topics.ensureExists(record.topic());
        } catch (SluiceException e) {
            ack.failed(e);
            return;
        }
        Long timestamp = record.timestampMillis() > 0 ? record.timestampMillis() : null;
        ProducerRecord<byte[], byte[]> message =
                new ProducerRecord<>(record.topic(), null, timestamp, record.key(), record.value());
        try {
            producer.send(message, (metadata, error) -> {
                if (error == null) {
                    ack.acked();
                } else {
                    ack.failed(KafkaFailures.delivery(servers, record.topic(), error));
                }
            });
        } catch (RuntimeException e) {
            // Thrown (rather than passed to the callback) only when the producer is closed or
            // interrupted: the callback will not run, so the ack is answered here.
            ack.failed(KafkaFailures.delivery(servers, record.topic(), e));
        }
    }

    /** Blocks until every record sent so far is acked or failed. */
    @Override
    public void flush() {
        producer.flush();
    }

    /**
     * Sends what is buffered and closes, waiting at most 30 s; records still unconfirmed then
     * are failed through their acks.
     */
    @Override
    public void close() {
        try {
            producer.close(CLOSE_TIMEOUT);
        } finally {
            topics.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaSink[" + servers + "]";
    }

    private static Producer<byte[], byte[]> newProducer(String servers, Map<String, String> properties) {
        try {
            return new KafkaProducer<>(KafkaClients.producerConfig(servers, properties),
                    new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw KafkaFailures.construction(servers, e);
        }
    }

    private static void requireDefaultOrPositive(String name, int value) {
        if (value != -1 && value < 1) {
            throw new IllegalArgumentException(name + " must be positive, or -1 for the brokers' default: " + value);
        }
    }
}
