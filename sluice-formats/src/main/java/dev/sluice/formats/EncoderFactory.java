package dev.sluice.formats;

import dev.sluice.core.encode.JsonEncoder;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Encoder;
import dev.sluice.formats.avro.AvroEncoder;
import dev.sluice.formats.debezium.DebeziumJsonEncoder;
import dev.sluice.formats.registry.SchemaRegistryClient;
import java.time.Clock;

/**
 * Makes the configured format's encoder, a fresh one for each attempt of a run (encoders are not
 * thread-safe and keep per-run state), while what must outlive attempts is made once: the schema
 * registry client and its cache of schema ids.
 */
public final class EncoderFactory {

    private final FormatOptions options;
    private final String database;
    private final String topicPrefix;
    private final Clock clock;
    private final SchemaRegistryClient registry;

    /**
     * @param database    the captured database's name ({@code source.db})
     * @param topicPrefix the topic prefix (Debezium's {@code topic.prefix}, {@code source.name})
     */
    public EncoderFactory(FormatOptions options, String database, String topicPrefix, Clock clock) {
        this.options = options;
        this.database = database;
        this.topicPrefix = topicPrefix;
        this.clock = clock;
        this.registry = options.format() == Format.AVRO ? new SchemaRegistryClient(options.registry()) : null;
    }

    /** Checks what the format depends on (the schema registry) once, before anything is read. */
    public void check() {
        if (registry != null) {
            registry.check();
        }
    }

    /** An encoder for one attempt; {@code router} names the topics, after which Debezium and Avro schemas are named. */
    public Encoder create(TopicRouter router) {
        switch (options.format()) {
            case DEBEZIUM_JSON:
                return new DebeziumJsonEncoder(database, topicPrefix, router::topic, options.debezium(), clock);
            case AVRO:
                return new AvroEncoder(database, router::topic, registry, clock);
            default:
                return new JsonEncoder(database, clock);
        }
    }
}
