package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kafka.connect.ConnectClient;
import dev.sluice.server.config.ControlConfig;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestConnect;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sink connectors managed from SQL, against a real Kafka Connect worker running FileStreamSink:
 * rows written in PostgreSQL arrive in the sink's file, and the connector's topics follow the
 * capture list.
 */
class SinkConnectorsTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final TestKafka KAFKA = TestKafka.shared();
    private static final TestConnect CONNECT = TestConnect.shared(KAFKA);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path state;

    @Test
    void rowsReachTheSinkAndItsTopicsFollowTheCaptureList() throws Exception {
        String db = PG.createDatabase("sinks");
        Sql.execute(PG, db, "CREATE TABLE orders (id int PRIMARY KEY, amount int); INSERT INTO orders VALUES (1, 10), (2, 20);"
                + "CREATE TABLE refunds (id int PRIMARY KEY, amount int)");
        SluiceConfig config = EngineHarness.config(PG, db, KAFKA.bootstrapServers(), state, List.of("orders"))
                .withControl(ControlConfig.NONE.withConnect(CONNECT.url()));
        new Installation(config).install();
        Path file = state.resolve("sink.jsonl");
        ConnectClient connect = new ConnectClient(CONNECT.url(), Duration.ofSeconds(10));
        String name = "files-" + db;
        try (EngineHarness sluice = new EngineHarness(config)) {
            await(sluice, () -> Sql.slotActive(PG, db, db), "sluice streaming");
            Sql.query(PG, db, "SELECT sluice.create_sink_connector('" + name + "', jsonb_build_object("
                    + "'connector.class', 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max', 1, 'file', '"
                    + file + "'))::text");
            await(sluice, () -> lines(file).size() == 2, "the snapshot's two rows in the sink's file");
            Sql.execute(PG, db, "INSERT INTO orders VALUES (3, 30)");
            await(sluice, () -> lines(file).stream().anyMatch(l -> l.contains("\"amount\":30")), "a new order in the file");

            Sql.query(PG, db, "SELECT sluice.add_table('public', 'refunds')");
            await(sluice, () -> topics(connect, name).equals(db + ".public.orders," + db + ".public.refunds"), "refunds topic added");
            Sql.execute(PG, db, "INSERT INTO refunds VALUES (1, 5)");
            await(sluice, () -> lines(file).stream().anyMatch(l -> l.contains("\"amount\":5")), "a refund in the file");
            await(sluice, () -> connectorState(db, name).equals("RUNNING"), "status shows the connector running");

            Sql.query(PG, db, "SELECT sluice.remove_table('public', 'orders')");
            await(sluice, () -> topics(connect, name).equals(db + ".public.refunds"), "orders topic removed");

            Sql.query(PG, db, "SELECT sluice.delete_sink_connector('" + name + "')");
            await(sluice, () -> !connect.list().contains(name), "connector deleted from Connect");
            assertThat(sluice.failure.get()).isNull();
        }
    }

    private static String topics(ConnectClient connect, String name) {
        return connect.config(name).map(c -> c.get("topics")).orElse("");
    }

    private static String connectorState(String db, String name) throws Exception {
        JsonNode status = TableState.parse(Sql.query(PG, db, "SELECT sluice.status()::text").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (JsonNode connector : status.get("connectors")) {
            if (connector.get("name").asText().equals(name)) {
                return connector.get("state").asText();
            }
        }
        return "absent";
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void await(EngineHarness sluice, Callable<Boolean> condition, String what) {
        Poll.until(DEADLINE, () -> sluice.failure.get() != null || condition.call(), what);
        if (sluice.failure.get() != null) {
            throw new AssertionError("sluice failed while waiting for " + what, sluice.failure.get());
        }
    }

}
