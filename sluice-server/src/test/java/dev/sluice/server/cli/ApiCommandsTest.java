package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.engine.EngineState;
import dev.sluice.server.http.RunningSluice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice status|tables|suspend|resume|connectors} as a user runs them, against a real
 * Sluice's HTTP API (engine, PostgreSQL, Kafka): readable tables, {@code --json}, and each
 * mistake as one line {@code sluice: ...} with exit status 2.
 */
class ApiCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static RunningSluice sluice;

    @BeforeAll
    static void start() throws Exception {
        sluice = new RunningSluice("cli", "CREATE TABLE items (id int PRIMARY KEY, name text);"
                + "CREATE TABLE orders (id int PRIMARY KEY, amount int, note text);"
                + "INSERT INTO items VALUES (1, 'one')", List.of("items"), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    record Outcome(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** Runs {@code sluice args} with SLUICE_API pointing at the running Sluice and its token in SLUICE_HTTP_TOKEN. */
    private static Outcome sluice(String... args) {
        return sluice(Map.of("SLUICE_API", sluice.url(), "SLUICE_HTTP_TOKEN", RunningSluice.TOKEN), args);
    }

    private static Outcome sluice(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new SluiceCli(env::get, config -> {
            throw new AssertionError("no engine is started by " + String.join(" ", args));
        }).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private static void assertRefused(Outcome outcome, String errLine) {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(2);
        assertThat(outcome.err().lines().findFirst().orElse("")).as(outcome.toString()).startsWith(errLine);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void statusShowsTheReportReadablyOrAsJson() throws IOException {
        sluice.await(() -> sluice("status", "--json").json().at("/sluice/state").asText().equals("streaming"), "status streaming");
        Outcome status = sluice("status");
        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.outLines()).contains("sluice:").anyMatch(line -> line.matches("  state +streaming"));
        // The capture list as a table under its name; its columns in the order the server wrote them.
        assertThat(status.outLines()).contains("capture:")
                .anyMatch(line -> line.startsWith("  ") && line.contains("SCHEMA  ") && line.contains("TABLE  "))
                .anyMatch(line -> line.matches("  .*\\bitems\\b.*\\bpublic\\b.*"));

        Outcome json = sluice("status", "--json");
        assertThat(json.status()).isZero();
        assertThat(json.json().at("/capture/0/table").asText()).isEqualTo("items");
    }

    @Test
    void tablesAreListedAddedChangedAndRemoved() throws IOException {
        Outcome list = sluice("tables", "list");
        assertThat(list.status()).as(list.toString()).isZero();
        assertThat(list.outLines().get(0)).matches("SCHEMA +TABLE +TOPIC +OPERATIONS +COLUMNS +REMARK");
        assertThat(list.outLines()).hasSize(2);
        assertThat(list.outLines().get(1)).matches("public +items +.*");

        Outcome added = sluice("tables", "add", "public.orders", "--operations", "insert,update", "--exclude-columns", "note",
                "--remark", "for billing");
        assertThat(added.status()).as(added.toString()).isZero();
        assertThat(added.out()).isEqualTo("added public.orders to the capture list: topic by the naming rule;"
                + " operations insert,update; columns all but note\n");

        Outcome listed = sluice("tables", "list");
        assertThat(listed.outLines()).hasSize(3).anySatisfy(line ->
                assertThat(line).matches("public +orders +- +insert,update +all but note +for billing"));
        JsonNode json = sluice("tables", "list", "--json").json();
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("remark").asText()).isEqualTo("for billing");

        assertThat(sluice("tables", "add-column", "orders", "note").out())
                .isEqualTo("now capturing column note of public.orders: columns all\n");
        assertThat(sluice("tables", "remove-column", "public.orders", "amount").out())
                .isEqualTo("no longer capturing column amount of public.orders: columns all but amount\n");
        Outcome removed = sluice("tables", "remove", "public.orders");
        assertThat(removed.status()).isZero();
        assertThat(removed.out()).isEqualTo("removed public.orders from the capture list: its changes after this commit are not sent\n");
        assertThat(sluice("tables", "list").outLines()).hasSize(2);
    }

    @Test
    void tablesRefuseEachBadArgumentInOneLine() {
        assertRefused(sluice("tables", "add", "items"), "sluice: table public.items is already captured");
        assertRefused(sluice("tables", "add", "public.nothing"), "sluice: table public.nothing does not exist");
        assertRefused(sluice("tables", "add", "orders", "--operations", "upsert"), "sluice: unknown operation 'upsert'");
        assertRefused(sluice("tables", "add", "orders", "--columns", "id", "--exclude-columns", "note"),
                "sluice: give columns or exclude_columns, not both");
        assertRefused(sluice("tables", "add", "a.b.c"), "sluice: not a table name (expected schema.table");
        assertRefused(sluice("tables", "add"), "sluice: Missing required parameter: '<schema.table>'");
        assertRefused(sluice("tables", "remove", "orders"), "sluice: table public.orders is not in the capture list");
        assertRefused(sluice("tables", "remove-column", "items", "id"), "sluice: column id is part of the key of public.items");
        assertRefused(sluice("tables", "add-column", "items", "nothing"), "sluice: column nothing of public.items does not exist");
        assertRefused(sluice("tables"), "sluice: Missing required subcommand");
        assertRefused(sluice("tables", "drop", "items"), "sluice: Unmatched arguments from index 1: 'drop', 'items'");
    }

    @Test
    void writesNeedTheTokenAndTheApiMustBeReachable() throws IOException {
        Map<String, String> noToken = Map.of("SLUICE_API", sluice.url());
        assertRefused(sluice(noToken, "tables", "remove", "items"), "sluice: this request needs the admin API's token");
        assertThat(sluice(noToken, "tables", "remove", "items").err()).contains("; give it with --token or SLUICE_HTTP_TOKEN");
        assertRefused(sluice(noToken, "tables", "remove", "items", "--token", "guess"), "sluice: wrong token in the Authorization header");
        assertThat(sluice(noToken, "tables", "list").status()).as("reads need no token").isZero();
        assertThat(sluice(Map.of(), "tables", "list", "--api", sluice.url()).status()).as("--api instead of SLUICE_API").isZero();

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Outcome unreachable = sluice(Map.of(), "status", "--api", "http://127.0.0.1:" + closed);
        assertRefused(unreachable, "sluice: cannot reach Sluice's HTTP API at http://127.0.0.1:" + closed + ": ");
        assertThat(unreachable.err()).endsWith("; is sluice run running with http-address set?\n");
        assertThat(unreachable.err().lines()).hasSize(1);
        assertRefused(sluice(Map.of(), "status", "--api", "127.0.0.1:7781"),
                "sluice: --api must be an http:// or https:// URL such as http://127.0.0.1:7781, not '127.0.0.1:7781'");
    }

    @Test
    void suspendAndResumeSteerTheRunningSluice() throws IOException {
        Outcome suspended = sluice("suspend");
        assertThat(suspended.status()).as(suspended.toString()).isZero();
        assertThat(suspended.out()).startsWith("suspended: the running sluice stops streaming at this commit; its slot is kept");
        sluice.await(() -> sluice.engine.state() == EngineState.SUSPENDED, "suspended");
        sluice.await(() -> sluice("status").status() == StatusCommand.NOT_WORKING, "status reports the suspension");
        assertThat(sluice("status").err()).isEqualTo("sluice: the running sluice reports a problem (see above)\n");

        Outcome resumed = sluice("resume", "--json");
        assertThat(resumed.status()).as(resumed.toString()).isZero();
        assertThat(resumed.json().get("requested").asText()).isEqualTo("resume");
        sluice.await(() -> sluice.engine.state() == EngineState.STREAMING, "streaming again");

        Outcome dropping = sluice("suspend", "--drop-slot", "--json");
        assertThat(dropping.json().get("drop_slot").asBoolean()).isTrue();
        sluice.await(() -> sluice.engine.state() == EngineState.SUSPENDED, "suspended, slot dropped");
        assertThat(sluice("resume").out()).isEqualTo("resumed: the running sluice streams again\n");
        sluice.await(() -> sluice.engine.state() == EngineState.STREAMING, "streaming after a new snapshot");
        assertRefused(sluice("suspend", "--drop-slot=maybe"), "sluice: Invalid value for option '--drop-slot'");
    }

    @Test
    void connectorsAreCreatedListedAndDeleted() throws IOException {
        assertThat(sluice("connectors", "list").out()).startsWith("no sink connectors; create one with:");
        Path config = dir.resolve("files.json");
        Files.writeString(config, "{\"connector.class\": \"org.apache.kafka.connect.file.FileStreamSinkConnector\", \"file\": \"/tmp/x\"}");
        Outcome created = sluice("connectors", "create", "files", "--config", config.toString());
        assertThat(created.status()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("created sink connector files (org.apache.kafka.connect.file.FileStreamSinkConnector);"
                + " its topics follow the capture list\n");

        Outcome list = sluice("connectors", "list");
        assertThat(list.outLines().get(0)).matches("NAME +STATE +CLASS +TOPICS");
        assertThat(list.outLines().get(1)).matches("files +unknown +org.apache.kafka.connect.file.FileStreamSinkConnector +-");
        assertThat(sluice("connectors", "list", "--json").json().get(0).get("name").asText()).isEqualTo("files");

        Outcome deleted = sluice("connectors", "delete", "files");
        assertThat(deleted.out()).isEqualTo("deleted sink connector files\n");
        assertRefused(sluice("connectors", "delete", "files"), "sluice: there is no sink connector 'files'");
    }

    @Test
    void connectorsRefuseEachBadArgumentInOneLine() throws IOException {
        Path noClass = Files.writeString(dir.resolve("no-class.json"), "{\"file\": \"/tmp/x\"}");
        Path notJson = Files.writeString(dir.resolve("not.json"), "connector.class=X");
        Path array = Files.writeString(dir.resolve("array.json"), "[]");
        assertRefused(sluice("connectors", "create", "x", "--config", noClass.toString()),
                "sluice: the config of connector x must be a JSON object with \"connector.class\"");
        assertRefused(sluice("connectors", "create", "x", "--config", notJson.toString()),
                "sluice: the --config file " + notJson + " is not JSON: ");
        assertRefused(sluice("connectors", "create", "x", "--config", array.toString()),
                "sluice: the --config file " + array + " must hold a JSON object");
        assertRefused(sluice("connectors", "create", "x", "--config", dir.resolve("missing.json").toString()),
                "sluice: cannot read the --config file " + dir.resolve("missing.json"));
        assertRefused(sluice("connectors", "create", "x"), "sluice: Missing required option: '--config=<file.json>'");
        assertRefused(sluice("connectors", "create", "no good", "--config", noClass.toString()),
                "sluice: 'no good' is not a usable connector name");
        assertRefused(sluice("connectors", "delete", "nothing"), "sluice: there is no sink connector 'nothing'");
    }

    @Test
    void everyCommandHasHelp() {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> commands = new HashMap<>();
        commands.put("status", List.of("--api", "--token", "--json"));
        commands.put("tables add", List.of("--operations", "--columns", "--exclude-columns", "--topic", "--remark"));
        commands.put("suspend", List.of("--drop-slot"));
        commands.put("connectors create", List.of("--config"));
        commands.forEach((command, options) -> {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Outcome help = sluice(args.toArray(String[]::new));
            options.stream().filter(option -> !help.out().contains(option)).forEach(option -> missing.add(command + " " + option));
        });
        assertThat(missing).isEmpty();
        assertThat(sluice("--help").out()).contains("status", "tables", "suspend", "resume", "connectors");
    }
}
