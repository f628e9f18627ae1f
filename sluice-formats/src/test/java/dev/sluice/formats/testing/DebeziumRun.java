package dev.sluice.formats.testing;

import dev.sluice.testkit.TestPostgres;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Debezium's embedded PostgreSQL connector (the reference Sluice's {@code debezium-json} is
 * compared with), configured like a user would (pgoutput, its own slot and publication,
 * JsonConverter with schemas), collecting every record it emits in order.
 */
public final class DebeziumRun implements AutoCloseable {

    /** One record as Debezium hands it to Kafka: topic, key and value JSON (null for a tombstone). */
    public record Output(String topic, String key, String value) {
    }

    private final List<Output> records = new CopyOnWriteArrayList<>();
    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /**
     * @param overrides connector properties on top of the defaults, e.g. {@code decimal.handling.mode}
     */
    public DebeziumRun(TestPostgres pg, String database, String slot, String topicPrefix, List<String> tables,
            Map<String, String> overrides) {
        Properties props = new Properties();
        props.setProperty("name", slot);
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("database.hostname", pg.host());
        props.setProperty("database.port", String.valueOf(pg.port()));
        props.setProperty("database.user", pg.user());
        props.setProperty("database.password", pg.password());
        props.setProperty("database.dbname", database);
        props.setProperty("topic.prefix", topicPrefix);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", slot);
        props.setProperty("publication.name", slot);
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("table.include.list", String.join(",", tables));
        props.setProperty("snapshot.mode", "initial");
        props.setProperty("key.converter.schemas.enable", "true");
        props.setProperty("value.converter.schemas.enable", "true");
        overrides.forEach(props::setProperty);
        engine = DebeziumEngine.create(Json.class).using(props)
                .notifying(r -> records.add(new Output(r.destination(), r.key(), r.value())))
                .build();
        executor.execute(engine);
    }

    public List<Output> records() {
        return List.copyOf(records);
    }

    public int size() {
        return records.size();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        engine.close();
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
