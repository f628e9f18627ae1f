package dev.sluice.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.event.TableId;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresSourceTest {

    private static final TestPostgres PG = TestPostgres.shared();

    @TempDir
    Path state;

    @Test
    void snapshotThenStreamDeliversEveryRowAndChangeOnce() throws Exception {
        String db = PG.createDatabase("src");
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, name text, qty int)");
            s.execute("INSERT INTO items SELECT g, 'item ' || g, g FROM generate_series(1, 50) g");
        }
        try (SourceHarness harness = new SourceHarness(PG, db, List.of(new TableId("public", "items")), state, "s1")) {
            String topic = db + ".public.items";
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.values(topic).size() == 50);
            try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO items VALUES (51, 'new', 1)");
                s.execute("UPDATE items SET qty = 99 WHERE id = 2");
                s.execute("UPDATE items SET id = 100 WHERE id = 3");
                s.execute("DELETE FROM items WHERE id = 4");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.values(topic).size() == 50 + 5);
            List<JsonNode> values = harness.values(topic);
            assertThat(values.subList(0, 50)).allSatisfy(v -> assertThat(v.get("op").asText()).isEqualTo("r"));
            List<String> ops = values.subList(50, 55).stream().map(v -> v.get("op").asText()).toList();
            assertThat(ops).containsExactly("c", "u", "d", "c", "d");
            assertThat(values.get(51).get("after").get("qty").asInt()).isEqualTo(99);
            assertThat(values.get(52).get("before").get("id").asInt()).isEqualTo(3);
            assertThat(values.get(53).get("after").get("id").asInt()).isEqualTo(100);
            assertThat(harness.failure.get()).isNull();
        }
    }
}
