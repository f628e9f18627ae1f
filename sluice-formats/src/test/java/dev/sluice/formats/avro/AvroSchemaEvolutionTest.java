package dev.sluice.formats.avro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.Lsn;
import dev.sluice.formats.registry.RegistryFailure;
import dev.sluice.formats.registry.RegistrySettings;
import dev.sluice.formats.registry.SchemaRegistryClient;
import dev.sluice.formats.testing.ConfluentAvro;
import dev.sluice.formats.testing.SluicePipeline;
import dev.sluice.formats.testing.TestSchemaRegistry;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ALTER TABLE while a writer keeps inserting: every change of columns registers the next schema
 * version before its first record, a consumer holding the latest schema reads every record, and
 * the schema-changes topic has one event per change, in order. An incompatible change is refused
 * by the registry and no record is written without a registered schema.
 */
class AvroSchemaEvolutionTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void addDropAndAlterTypeMidStreamRegisterVersionsInOrderAndTheLatestSchemaReadsEveryRecord() throws Exception {
        String db = PG.createDatabase("evolution");
        execute(db, "CREATE TABLE items (id bigserial PRIMARY KEY, n int NOT NULL, c1 text)");
        String topic = db + ".public.items";
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(new RegistrySettings(registry.url(), null, null, RegistryFailure.STOP));
            try (SluicePipeline sluice = new SluicePipeline(PG, TestKafka.shared(), db, List.of("items"), db, db, state,
                    router -> new AvroEncoder(db, router::topic, client, Clock.systemUTC()), db + ".schema-changes");
                    Writer writer = new Writer(db)) {
                sluice.awaitStreaming(DEADLINE);
                writer.start();
                for (String alter : List.of("ADD COLUMN c2 text", "DROP COLUMN c1", "ALTER COLUMN n TYPE bigint")) {
                    writer.awaitMore(15);
                    execute(db, "ALTER TABLE items " + alter);
                }
                writer.awaitMore(15);
                int written = writer.stop();

                List<ConsumerRecord<byte[], byte[]>> records = new TopicReader(TestKafka.shared().bootstrapServers())
                        .readUntil(List.of(topic), rs -> rs.size() >= written, DEADLINE);
                assertThat(records).hasSize(written);
                List<TestSchemaRegistry.Version> versions = registry.versions(topic + "-value");
                assertThat(versions).extracting(v -> rowFields(v.avro())).containsExactly(
                        List.of("id:long", "n:int", "c1:string"),
                        List.of("id:long", "n:int", "c1:string", "c2:string"),
                        List.of("id:long", "n:int", "c2:string"),
                        List.of("id:long", "n:long", "c2:string"));

                Schema latest = versions.get(versions.size() - 1).avro();
                ConfluentAvro avro = new ConfluentAvro(registry.url());
                Set<Long> seen = new TreeSet<>();
                List<Integer> ids = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    GenericRecord after = (GenericRecord) avro.read(record.value(), latest).get("after");
                    seen.add((Long) after.get("n"));
                    ids.add(ConfluentAvro.schemaId(record.value()));
                }
                assertThat(seen).hasSize(written).first().isEqualTo(0L);
                assertThat(ids).as("records follow the versions in order").isSorted();
                assertThat(new TreeSet<>(ids)).containsExactlyElementsOf(versions.stream().map(TestSchemaRegistry.Version::id).toList());

                List<JsonNode> changes = new TopicReader(TestKafka.shared().bootstrapServers()).readUntil(
                        List.of(db + ".schema-changes"), rs -> rs.size() >= 3, DEADLINE).stream().map(r -> parse(r.value())).toList();
                assertThat(changes).hasSize(3);
                assertThat(changes).extracting(c -> c.get("added").toString() + c.get("dropped") + c.get("altered"))
                        .containsExactly("[\"c2\"][][]", "[][\"c1\"][]", "[][][\"n\"]");
                assertThat(changes.get(2).at("/before/1/type").asText()).isEqualTo("int4");
                assertThat(changes.get(2).at("/after/1/type").asText()).isEqualTo("int8");
                assertThat(changes.get(0).at("/table/table").asText()).isEqualTo("items");
                assertThat(changes).extracting(c -> Lsn.parse(c.get("lsn").asText())).isSorted();
                assertThat(sluice.failure()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RegistryFailure.class)
    void anIncompatibleChangeIsRefusedClearlyAndItsRecordIsNeverWritten(RegistryFailure policy) throws Exception {
        String db = PG.createDatabase("incompatible");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY, n int)");
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(new RegistrySettings(registry.url(), null, null, policy));
            try (SluicePipeline sluice = new SluicePipeline(PG, TestKafka.shared(), db, List.of("t"), db, db, state,
                    router -> new AvroEncoder(db, router::topic, client, Clock.systemUTC()), null)) {
                sluice.awaitStreaming(DEADLINE);
                execute(db, "INSERT INTO t VALUES (1, 1)");
                execute(db, "ALTER TABLE t ALTER COLUMN n TYPE text");
                execute(db, "INSERT INTO t VALUES (2, 'two')");
                sluice.join(DEADLINE);
                assertThat(sluice.isAlive()).isFalse();
                assertThat(sluice.failure()).isInstanceOf(policy == RegistryFailure.STOP ? FatalException.class : RetriableException.class)
                        .hasMessageContaining("refused the new schema of subject " + db + ".public.t-value as incompatible")
                        .hasMessageContaining("409");
                List<ConsumerRecord<byte[], byte[]>> records = new TopicReader(TestKafka.shared().bootstrapServers())
                        .readAll(List.of(db + ".public.t"), Duration.ZERO);
                assertThat(records).hasSize(1);
                assertThat(registry.versions(db + ".public.t-value")).hasSize(1);
            }
        }
    }

    private static List<String> rowFields(Schema envelope) {
        Schema row = envelope.getField("after").schema().getTypes().get(1);
        return row.getFields().stream().map(f -> f.name() + ":" + f.schema().getTypes().get(1).getType().getName()).toList();
    }

    /** Inserts rows one transaction at a time, n = 0, 1, 2, … until stopped. */
    private static final class Writer implements AutoCloseable {
        private final String db;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger written = new AtomicInteger();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private Thread thread;

        Writer(String db) {
            this.db = db;
        }

        void start() {
            thread = new Thread(() -> {
                try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
                    while (running.get()) {
                        s.execute("INSERT INTO items (n) VALUES (" + written.get() + ")");
                        written.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "writer");
            thread.start();
        }

        void awaitMore(int rows) {
            int target = written.get() + rows;
            Awaitility.await().atMost(DEADLINE).until(() -> written.get() >= target || failure.get() != null);
            assertThat(failure.get()).isNull();
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(failure.get()).isNull();
            return written.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join();
            }
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
