package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void producerDefaultsAreDurableIdempotentAndBatched() {
        assertThat(KafkaClients.producerConfig("h:1", Map.of())).containsAllEntriesOf(Map.of(
                "bootstrap.servers", "h:1",
                "enable.idempotence", "true",
                "acks", "all",
                "compression.type", "lz4",
                "linger.ms", "5",
                "batch.size", "262144",
                "max.in.flight.requests.per.connection", "5",
                "delivery.timeout.ms", "120000"));
    }

    @Test
    void userPropertiesOverrideDefaultsButNotTheBootstrapServers() {
        Map<String, Object> config = KafkaClients.producerConfig("h:1",
                Map.of("compression.type", "zstd", "linger.ms", "50", "bootstrap.servers", "other:2", "client.id", "x"));
        assertThat(config).containsEntry("compression.type", "zstd").containsEntry("linger.ms", "50")
                .containsEntry("client.id", "x").containsEntry("bootstrap.servers", "h:1");
    }
}
