package dev.sluice.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice version}: the same line as {@code sluice --version}, for people who type it as a command. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Sluice's version.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(SluiceVersion.line());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
