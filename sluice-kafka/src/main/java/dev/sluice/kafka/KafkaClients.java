package dev.sluice.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds the Kafka clients' settings from Sluice's: the sink's producer defaults, the user's
 * properties over them, and for the admin client only the properties it knows (the same
 * connection and security settings, without producer-only keys it would complain about).
 */
final class KafkaClients {

    /**
     * The producer settings Sluice needs: durable ({@code acks=all}), no duplicates or reordering
     * on retry (idempotence, at most 5 requests in flight), and batches big enough for a change
     * stream. Any of them can be overridden.
     */
    static final Map<String, String> PRODUCER_DEFAULTS = orderedMap(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "262144",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");

    private KafkaClients() {
    }

    /** Defaults, then {@code properties}, then {@code bootstrapServers}, which always wins. */
    static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> properties) {
        Map<String, Object> config = new LinkedHashMap<>(PRODUCER_DEFAULTS);
        config.putAll(properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** An admin client sharing the producer's connection and security settings, with {@code timeout} per call. */
    static Admin admin(String bootstrapServers, Map<String, String> properties, Duration timeout) {
        Map<String, Object> config = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-admin");
        return Admin.create(config);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
