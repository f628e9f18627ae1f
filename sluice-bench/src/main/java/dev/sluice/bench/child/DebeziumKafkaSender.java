package dev.sluice.bench.child;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds Debezium's events to a KafkaProducer the way Debezium Server's Kafka sink does: each batch
 * is sent record by record to the event's destination topic, the batch waits until the brokers
 * acknowledged all of it, and only then are its records marked processed. An event counts once its
 * record is acknowledged, as Sluice's do.
 */
final class DebeziumKafkaSender implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final KafkaProducer<String, String> producer;
    private final DrainMeter meter;

    DebeziumKafkaSender(String bootstrapServers, boolean raised, DrainMeter meter) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (raised) {
            p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
            p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        }
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.meter = meter;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(records.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ChangeEvent<String, String> record : records) {
            String value = record.value();
            long commitMillis = value != null && meter.wantsLatency() ? CommitTime.ofDebeziumJson(value) : 0;
            producer.send(new ProducerRecord<>(record.destination(), record.key(), value), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                    meter.fail(error);
                } else if (value != null) {
                    meter.event(commitMillis);
                }
                acked.countDown();
            });
        }
        acked.await();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not acknowledge a record", failure.get());
        }
        for (ChangeEvent<String, String> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }
}
