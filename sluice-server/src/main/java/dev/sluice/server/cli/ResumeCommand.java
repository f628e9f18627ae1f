package dev.sluice.server.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** {@code sluice resume}: a suspended Sluice streams again. */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Stream again after sluice suspend (sluice.resume()), from where it stopped, or with a new snapshot if the slot was dropped.")
final class ResumeCommand extends ApiCommand {

    ResumeCommand(Function<String, String> env) {
        super(env);
    }

    @Override
    int run(ApiClient client, PrintWriter out) {
        ApiClient.Reply reply = client.call("POST", "/resume", null);
        if (!printedJson(reply, out)) {
            out.println("resumed: the running sluice streams again");
        }
        return 0;
    }
}
