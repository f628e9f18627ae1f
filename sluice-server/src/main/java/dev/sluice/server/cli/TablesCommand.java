package dev.sluice.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.event.TableId;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice tables list|add|remove|add-column|remove-column}: the capture list of the running
 * Sluice, through its HTTP API (which calls the same {@code sluice.*} SQL functions psql would).
 */
@Command(name = "tables", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Show or change the tables the running sluice captures.")
final class TablesCommand {

    private TablesCommand() {
    }

    static CommandLine command(Function<String, String> env) {
        CommandLine tables = new CommandLine(new TablesCommand());
        tables.addSubcommand("list", new ListTables(env));
        tables.addSubcommand("add", new AddTable(env));
        tables.addSubcommand("remove", new RemoveTable(env));
        tables.addSubcommand("add-column", new AddColumn(env));
        tables.addSubcommand("remove-column", new RemoveColumn(env));
        return tables;
    }

    /** A capture list entry in a few words: its topic, operations and columns. */
    static String describe(JsonNode entry) {
        return "topic " + ApiCommand.text(entry, "topic", "by the naming rule")
                + "; operations " + ApiCommand.text(entry, "operations", "all")
                + "; columns " + columns(entry);
    }

    static String columns(JsonNode entry) {
        String columns = ApiCommand.text(entry, "columns", null);
        if (columns != null) {
            return columns;
        }
        String excluded = ApiCommand.text(entry, "exclude_columns", null);
        return excluded == null || excluded.isEmpty() ? "all" : "all but " + excluded;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the captured tables: schema, table, topic, operations, columns, remark.")
    static final class ListTables extends ApiCommand {

        ListTables(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            ApiClient.Reply reply = client.call("GET", "/tables", null);
            if (printedJson(reply, out)) {
                return 0;
            }
            JsonNode entries = reply.json();
            if (entries == null || entries.isEmpty()) {
                out.println("no tables are captured; add one with: sluice tables add public.orders");
                return 0;
            }
            TextTable table = new TextTable("SCHEMA", "TABLE", "TOPIC", "OPERATIONS", "COLUMNS", "REMARK");
            for (JsonNode entry : entries) {
                table.row(text(entry, "schema", ""), text(entry, "table", ""), text(entry, "topic", "-"),
                        text(entry, "operations", "all"), columns(entry), text(entry, "remark", ""));
            }
            table.print(out);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Capture a table from this commit on; an incremental snapshot reads its existing rows (unless snapshot-mode is never).",
                    "Example: sluice tables add public.orders --operations insert,update --exclude-columns card_number"})
    static final class AddTable extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<schema.table>", description = "The table; quote a part that holds a dot. No schema: public.")
        String table;

        @Option(names = "--operations", split = ",", paramLabel = "<op>",
                description = "Only these operations: insert, update, delete, truncate (comma-separated). Default: all.")
        List<String> operations;

        @Option(names = "--columns", split = ",", paramLabel = "<column>", description = "Only these columns (the key is always captured). Default: all.")
        List<String> columns;

        @Option(names = "--exclude-columns", split = ",", paramLabel = "<column>", description = "All columns but these (not with --columns).")
        List<String> excludeColumns;

        @Option(names = "--topic", paramLabel = "<topic>", description = "Its topic. Default: the naming rule (prefix.schema.table).")
        String topic;

        @Option(names = "--remark", paramLabel = "<text>", description = "Why it is captured, for whoever reads the list later.")
        String remark;

        AddTable(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            TableId id = table(table);
            ObjectNode body = ApiClient.JSON.createObjectNode().put("schema", id.schema()).put("table", id.table());
            putList(body, "operations", operations);
            putList(body, "columns", columns);
            putList(body, "exclude_columns", excludeColumns);
            body.put("topic", topic);
            body.put("remark", remark);
            ApiClient.Reply reply = client.call("POST", "/tables", body);
            if (!printedJson(reply, out)) {
                out.println("added " + id + " to the capture list: " + describe(reply.json()));
            }
            return 0;
        }

        private static void putList(ObjectNode body, String name, List<String> values) {
            if (values == null) {
                body.putNull(name);
            } else {
                values.forEach(body.putArray(name)::add);
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Stop capturing a table: its changes after this commit are not sent.")
    static final class RemoveTable extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<schema.table>", description = "The table; quote a part that holds a dot. No schema: public.")
        String table;

        RemoveTable(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            TableId id = table(table);
            ApiClient.Reply reply = client.call("DELETE", "/tables/" + segment(id), null);
            if (!printedJson(reply, out)) {
                out.println("removed " + id + " from the capture list: its changes after this commit are not sent");
            }
            return 0;
        }
    }

    @Command(name = "add-column", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Capture one more column of a captured table, from this commit on.")
    static final class AddColumn extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<schema.table>", description = "The table.")
        String table;

        @Parameters(index = "1", paramLabel = "<column>", description = "The column, as PostgreSQL names it.")
        String column;

        AddColumn(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            TableId id = table(table);
            ApiClient.Reply reply = client.call("POST", "/tables/" + segment(id) + "/columns/" + segment(column), null);
            if (!printedJson(reply, out)) {
                out.println("now capturing column " + column + " of " + id + ": columns " + columns(reply.json()));
            }
            return 0;
        }
    }

    @Command(name = "remove-column", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Stop capturing a column of a captured table (never a key column), from this commit on.")
    static final class RemoveColumn extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<schema.table>", description = "The table.")
        String table;

        @Parameters(index = "1", paramLabel = "<column>", description = "The column, as PostgreSQL names it.")
        String column;

        RemoveColumn(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            TableId id = table(table);
            ApiClient.Reply reply = client.call("DELETE", "/tables/" + segment(id) + "/columns/" + segment(column), null);
            if (!printedJson(reply, out)) {
                out.println("no longer capturing column " + column + " of " + id + ": columns " + columns(reply.json()));
            }
            return 0;
        }
    }
}
