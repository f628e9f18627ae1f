package dev.sluice.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * {@code sluice status}: what the running Sluice reports of itself (its state, slot, Kafka,
 * connectors, capture list). Exits 0 while it works, {@value #NOT_WORKING} when it answers that
 * something is wrong (suspended, retrying, Kafka unreachable), so a script can act on it.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what the running sluice reports: its state, slot, Kafka, connectors and capture list.",
                "Exit status: 0 while it streams or snapshots with Kafka reachable, " + StatusCommand.NOT_WORKING
                        + " when it reports a problem, 2 when it cannot be asked."})
final class StatusCommand extends ApiCommand {

    /** Exit status when Sluice answered that it is not working (as systemctl status uses 3). */
    static final int NOT_WORKING = 3;

    StatusCommand(Function<String, String> env) {
        super(env);
    }

    @Override
    int run(ApiClient client, PrintWriter out) {
        ApiClient.Reply reply = client.send("GET", "/status", null);
        JsonNode status = reply.json();
        if ((reply.status() != 200 && reply.status() != 503) || status == null || !status.isObject() || status.has("error")) {
            throw client.failure(reply);
        }
        if (!printedJson(reply, out)) {
            JsonText.print(status, out);
        }
        if (reply.status() == 503) {
            spec.commandLine().getErr().println("sluice: the running sluice reports a problem (see above)");
            return NOT_WORKING;
        }
        return 0;
    }
}
