package dev.sluice.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.event.TableId;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that asks a running Sluice over its HTTP API: it has {@code --api}, {@code --token}
 * and {@code --json}, prints the API's JSON with {@code --json} and readable text otherwise.
 */
abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    private final Function<String, String> env;

    ApiCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public final Integer call() {
        return run(api.client(env), spec.commandLine().getOut());
    }

    /** Does the work; returns the exit status. */
    abstract int run(ApiClient client, PrintWriter out);

    /** With {@code --json}: prints the answer's body as it came and returns true. */
    boolean printedJson(ApiClient.Reply reply, PrintWriter out) {
        if (!api.json) {
            return false;
        }
        if (!reply.body().isBlank()) {
            out.println(reply.body().strip());
        }
        return true;
    }

    /** A table argument, {@code schema.table} (quote a part holding a dot; no schema is public), or a usage error. */
    TableId table(String text) {
        try {
            return TableId.parse(text, "public");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code table} as one path segment of the API: quoted (dots in names survive) and percent-encoded. */
    static String segment(TableId table) {
        return segment(table.quoted());
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A field as text: missing or null is {@code otherwise}, an array is joined with commas. */
    static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : value) {
                joined.append(joined.length() == 0 ? "" : ",").append(element.isTextual() ? element.asText() : element.toString());
            }
            return joined.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
