package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.engine.EngineState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control operations over HTTP against a real engine with the control plane installed: each
 * route does what the SQL function does, its effect shows in the running Sluice, and each bad
 * argument is refused with the function's words and the right status.
 */
class ControlApiTest {

    @TempDir
    static Path state;

    private static RunningSluice sluice;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        sluice = new RunningSluice("ctl", "CREATE TABLE items (id int PRIMARY KEY, name text, note text);"
                + "CREATE TABLE orders (id int PRIMARY KEY, amount int);"
                + "CREATE TABLE unkeyed (v int); CREATE VIEW item_names AS SELECT name FROM items;"
                + "INSERT INTO items SELECT g, 'item ' || g, 'note' FROM generate_series(1, 7) g",
                List.of("items"), state);
        http = new Http(sluice.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void tableIsAddedListedAndRemovedAndTheRunningSluiceFollows() throws Exception {
        Http.Answer list = http.get("/tables");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).extracting(entry -> entry.get("table").asText()).containsExactly("items");

        Http.Answer added = http.write("POST", "/tables", "{\"schema\":\"public\",\"table\":\"orders\",\"operations\":[\"insert\"],"
                + "\"columns\":null,\"exclude_columns\":null,\"topic\":null,\"remark\":\"for billing\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("table").asText()).isEqualTo("orders");
        assertThat(added.json().get("operations").toString()).isEqualTo("[\"insert\"]");
        assertThat(added.header("Location")).isEqualTo("/tables/%22public%22.%22orders%22");
        assertThat(http.get("/tables").json()).anySatisfy(entry -> assertThat(entry.get("remark").asText()).isEqualTo("for billing"));

        sluice.sql("INSERT INTO orders VALUES (1, 10), (2, 20)");
        sluice.await(() -> http.get("/stats").json().at("/tables/public.orders/insert").asLong() == 2, "the added table streams");

        Http.Answer removed = http.write("DELETE", "/tables/public.orders", null);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(http.get("/tables").json()).extracting(entry -> entry.get("table").asText()).containsExactly("items");

        Http.Answer again = http.write("DELETE", "/tables/public.orders", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).startsWith("table public.orders is not in the capture list");
    }

    @Test
    void addingATableRefusesEachBadArgument() {
        assertError(http.write("POST", "/tables", "{\"table\":\"items\"}"), 409, "table public.items is already captured");
        assertError(http.write("POST", "/tables", "{\"table\":\"nothing\"}"), 404, "table public.nothing does not exist");
        assertError(http.write("POST", "/tables", "{\"table\":\"orders\",\"operations\":[\"upsert\"]}"), 400,
                "unknown operation 'upsert'");
        assertError(http.write("POST", "/tables", "{\"table\":\"orders\",\"columns\":[\"id\"],\"exclude_columns\":[\"amount\"]}"), 400,
                "give columns or exclude_columns, not both");
        assertError(http.write("POST", "/tables", "{\"table\":\"orders\",\"topic\":\"no spaces\"}"), 400,
                "'no spaces' is not a legal Kafka topic name");
        assertError(http.write("POST", "/tables", "{\"table\":\"item_names\"}"), 400, "public.item_names is not a table");
        assertError(http.write("POST", "/tables", "{\"table\":\"unkeyed\"}"), 400, "table public.unkeyed has neither a primary key");
        assertError(http.write("POST", "/tables", "{\"schema\":\"public\"}"), 400, "missing field 'table'");
        assertError(http.write("POST", "/tables", "{\"table\":\"orders\",\"operations\":\"insert\"}"), 400,
                "field 'operations' must be an array of strings or null, not a string");
        assertError(http.write("POST", "/tables", "{\"table\":\"orders\",\"exclude-columns\":[\"amount\"]}"), 400,
                "unknown field 'exclude-columns'");
        assertError(http.write("DELETE", "/tables/a.b.c", null), 400, "not a table name");
        assertError(http.write("DELETE", "/tables/public.nothing", null), 404, "table public.nothing is not in the capture list");
        assertThat(http.get("/tables").json()).hasSize(1);
    }

    @Test
    void columnsAreRemovedAndAddedBackAndTheKeyStays() {
        Http.Answer removed = http.write("DELETE", "/tables/public.items/columns/note", null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("exclude_columns").toString()).isEqualTo("[\"note\"]");
        assertError(http.write("DELETE", "/tables/public.items/columns/note", null), 404, "column note of public.items is not captured");
        assertError(http.write("DELETE", "/tables/public.items/columns/id", null), 400, "column id is part of the key of public.items");

        // Quoted and percent-encoded, as the CLI sends it.
        Http.Answer added = http.write("POST", "/tables/%22public%22.%22items%22/columns/note", null);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("table").asText()).isEqualTo("items");
        assertThat(added.json().get("exclude_columns").isNull()).as(added.body()).isTrue();
        assertError(http.write("POST", "/tables/public.items/columns/note", null), 409, "column note of public.items is captured already");
        assertError(http.write("POST", "/tables/public.items/columns/nothing", null), 404, "column nothing of public.items does not exist");
        assertError(http.write("POST", "/tables/public.orders/columns/amount", null), 404, "table public.orders is not in the capture list");
    }

    @Test
    void suspendStopsStreamingUntilResume() {
        Http.Answer suspended = http.write("POST", "/suspend", null);
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(202);
        assertThat(suspended.json().get("drop_slot").asBoolean()).isFalse();
        sluice.await(() -> sluice.engine.state() == EngineState.SUSPENDED, "suspended");
        Http.Answer ready = http.get("/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("reason").asText()).isEqualTo("suspended");
        assertThat(http.get("/status").status()).isEqualTo(503);

        Http.Answer resumed = http.write("POST", "/resume", "");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        sluice.await(() -> http.get("/ready").status() == 200, "ready again");
        assertError(http.write("POST", "/suspend", "{\"drop_slot\":1}"), 400, "field 'drop_slot' must be true or false, not a number");
        assertError(http.write("POST", "/resume", "{\"now\":true}"), 400, "unknown field 'now'");
    }

    @Test
    void snapshotsAreRequestedPausedResumedAndCancelled() {
        long read = http.get("/stats").json().at("/tables/public.items/read").asLong();
        Http.Answer requested = http.write("POST", "/snapshots", "{\"tables\":[\"public.items\"],\"condition\":\"id <= 3\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().get("requests")).hasSize(1);
        sluice.await(() -> http.get("/stats").json().at("/tables/public.items/read").asLong() == read + 3, "three rows read again");
        assertThat(http.get("/stats").json().at("/snapshot/incremental_rows").asLong()).isGreaterThanOrEqualTo(3);

        for (String action : List.of("pause", "resume", "cancel")) {
            Http.Answer answer = http.write("POST", "/snapshots/" + action, null);
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            assertThat(answer.json().get("requested").asText()).isEqualTo(action);
            assertThat(answer.json().get("request").asLong()).isPositive();
        }
        assertThat(http.write("POST", "/snapshots/stop", null).status()).isEqualTo(404);
        assertError(http.write("POST", "/snapshots", "{\"tables\":[]}"), 400, "name the tables to snapshot");
        assertError(http.write("POST", "/snapshots", "{}"), 400, "name the tables to snapshot");
        assertError(http.write("POST", "/snapshots", "{\"tables\":[\"public.nothing\"]}"), 404,
                "sluice.snapshot: table public.nothing does not exist");
        assertError(http.write("POST", "/snapshots", "{\"tables\":[\"public.orders\"]}"), 400, "sluice.snapshot: table public.orders is not captured");
        assertError(http.write("POST", "/snapshots", "{\"tables\":[\"public.items\"],\"condition\":\"1=1; DROP TABLE items\"}"), 400,
                "sluice.snapshot: the condition may not contain");
        assertError(http.write("POST", "/snapshots", "{\"tables\":[\"a.b.c\"]}"), 400, "not a table name");
    }

    @Test
    void connectorsAreCreatedListedAndDeleted() {
        assertThat(http.get("/connectors").json()).isEmpty();
        Http.Answer created = http.write("POST", "/connectors", "{\"name\":\"files\",\"config\":{\"connector.class\":"
                + "\"org.apache.kafka.connect.file.FileStreamSinkConnector\",\"file\":\"/tmp/sluice-files\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/connectors/files");
        JsonNode listed = http.get("/connectors").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("files");
        assertThat(listed.get(0).at("/config/file").asText()).isEqualTo("/tmp/sluice-files");

        assertError(http.write("POST", "/connectors", "{\"name\":\"no good\",\"config\":{\"connector.class\":\"X\"}}"), 400,
                "'no good' is not a usable connector name");
        assertError(http.write("POST", "/connectors", "{\"name\":\"x\",\"config\":{\"file\":\"/tmp/x\"}}"), 400,
                "the config of connector x must be a JSON object with \"connector.class\"");
        assertError(http.write("POST", "/connectors", "{\"name\":\"x\",\"config\":{\"connector.class\":\"X\",\"nested\":{}}}"), 400,
                "the config of connector x may hold strings, numbers and booleans only");
        assertError(http.write("POST", "/connectors", "{\"name\":\"x\"}"), 400, "missing field 'config'");
        assertError(http.write("POST", "/connectors", "{\"name\":\"x\",\"config\":\"connector.class=X\"}"), 400,
                "field 'config' must be a JSON object, not a string");

        assertThat(http.write("DELETE", "/connectors/files", null).status()).isEqualTo(204);
        assertError(http.write("DELETE", "/connectors/files", null), 404, "there is no sink connector 'files'");
        assertThat(http.get("/connectors").json()).isEmpty();
    }

    private static void assertError(Http.Answer answer, int status, String start) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error()).as(answer.body()).startsWith(start);
        assertThat(answer.error()).doesNotContain("\n");
    }
}
