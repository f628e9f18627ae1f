package dev.sluice.server.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice suspend}: the running Sluice stops streaming at this commit, until {@code sluice resume}. */
@Command(name = "suspend", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stop streaming at this commit (sluice.suspend()); the process keeps running, and sluice resume continues.")
final class SuspendCommand extends ApiCommand {

    @Option(names = "--drop-slot",
            description = "Also drop the replication slot, so the server keeps no WAL for Sluice; resume then starts over with a new snapshot.")
    boolean dropSlot;

    SuspendCommand(Function<String, String> env) {
        super(env);
    }

    @Override
    int run(ApiClient client, PrintWriter out) {
        ApiClient.Reply reply = client.call("POST", "/suspend", ApiClient.JSON.createObjectNode().put("drop_slot", dropSlot));
        if (!printedJson(reply, out)) {
            out.println("suspended: the running sluice stops streaming at this commit; "
                    + (dropSlot ? "its slot is dropped, so sluice resume starts over with a new snapshot"
                            : "its slot is kept, and sluice resume continues where it stopped"));
        }
        return 0;
    }
}
