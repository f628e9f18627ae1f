package dev.sluice.server.engine;

import dev.sluice.core.sink.JsonLinesSink;
import dev.sluice.kafka.KafkaPreflight;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.core.spi.Sink;
import dev.sluice.server.config.SluiceConfig;

/**
 * Chooses and opens the configured sink: Kafka when brokers are configured, otherwise JSON lines
 * to the output file or stdout. Checks Kafka is reachable once, before anything is created.
 */
final class Sinks {

    private final SluiceConfig config;

    Sinks(SluiceConfig config) {
        this.config = config;
    }

    void check() {
        if (config.kafkaBootstrapServers() != null) {
            KafkaPreflight.check(config.kafkaBootstrapServers(), config.kafkaProperties());
        }
    }

    /** A fresh sink for one attempt. */
    Sink open() {
        if (config.kafkaBootstrapServers() != null) {
            return new KafkaSink(config.kafkaBootstrapServers(), config.kafkaProperties(), config.topicPartitions(),
                    config.topicReplicationFactor());
        }
        return config.output() == null ? JsonLinesSink.toStdout() : JsonLinesSink.toFile(config.output());
    }
}
