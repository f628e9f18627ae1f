package dev.sluice.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice connectors list|create|delete}: the Kafka Connect sink connectors the running
 * Sluice manages (their {@code topics} follow the capture list), through its HTTP API.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Show, create or delete the Kafka Connect sink connectors the running sluice manages.")
final class ConnectorsCommand {

    private ConnectorsCommand() {
    }

    static CommandLine command(Function<String, String> env) {
        CommandLine connectors = new CommandLine(new ConnectorsCommand());
        connectors.addSubcommand("list", new ListConnectors(env));
        connectors.addSubcommand("create", new CreateConnector(env));
        connectors.addSubcommand("delete", new DeleteConnector(env));
        return connectors;
    }

    /** A connector's state in one word: Connect's status answer holds it under connector.state. */
    static String state(JsonNode connector) {
        JsonNode state = connector.get("state");
        if (state == null || state.isNull()) {
            return "-";
        }
        if (state.isTextual()) {
            return state.asText();
        }
        JsonNode nested = state.path("connector").path("state");
        if (nested.isTextual()) {
            return nested.asText();
        }
        return state.path("state").isTextual() ? state.path("state").asText() : state.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the sink connectors: name, state, class, topics.")
    static final class ListConnectors extends ApiCommand {

        ListConnectors(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            ApiClient.Reply reply = client.call("GET", "/connectors", null);
            if (printedJson(reply, out)) {
                return 0;
            }
            JsonNode connectors = reply.json();
            if (connectors == null || connectors.isEmpty()) {
                out.println("no sink connectors; create one with: sluice connectors create NAME --config FILE.json");
                return 0;
            }
            TextTable table = new TextTable("NAME", "STATE", "CLASS", "TOPICS");
            for (JsonNode connector : connectors) {
                JsonNode config = connector.path("config");
                table.row(text(connector, "name", ""), state(connector), text(config, "connector.class", "-"),
                        text(connector, "topics", text(config, "topics", "-")));
            }
            table.print(out);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create (or replace) a sink connector on the Kafka Connect cluster; its topics follow the capture list.",
                    "Example: sluice connectors create files --config file-sink.json"})
    static final class CreateConnector extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<name>", description = "The connector's name.")
        String name;

        @Option(names = "--config", required = true, paramLabel = "<file.json>",
                description = "A JSON object of the connector's settings (connector.class, ...); topics are set by Sluice.")
        String config;

        CreateConnector(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("name", name);
            body.set("config", readConfig());
            ApiClient.Reply reply = client.call("POST", "/connectors", body);
            if (!printedJson(reply, out)) {
                out.println("created sink connector " + name + " (" + text(reply.json() == null ? null : reply.json().path("config"),
                        "connector.class", "its class as configured") + "); its topics follow the capture list");
            }
            return 0;
        }

        private JsonNode readConfig() {
            String text;
            try {
                text = Files.readString(Path.of(config));
            } catch (IOException | InvalidPathException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the --config file " + config + ": " + e.getMessage());
            }
            JsonNode json;
            try {
                json = ApiClient.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ParameterException(spec.commandLine(),
                        "the --config file " + config + " is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            if (json == null || !json.isObject()) {
                throw new ParameterException(spec.commandLine(), "the --config file " + config
                        + " must hold a JSON object, e.g. {\"connector.class\": \"FileStreamSink\", \"file\": \"/tmp/out\"}");
            }
            return json;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Delete a sink connector Sluice manages.")
    static final class DeleteConnector extends ApiCommand {

        @Parameters(index = "0", paramLabel = "<name>", description = "The connector's name.")
        String name;

        DeleteConnector(Function<String, String> env) {
            super(env);
        }

        @Override
        int run(ApiClient client, PrintWriter out) {
            ApiClient.Reply reply = client.call("DELETE", "/connectors/" + segment(name), null);
            if (!printedJson(reply, out)) {
                out.println("deleted sink connector " + name);
            }
            return 0;
        }
    }
}
