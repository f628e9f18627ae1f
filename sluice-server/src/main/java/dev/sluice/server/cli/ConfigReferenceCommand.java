package dev.sluice.server.cli;

import dev.sluice.core.config.MarkdownReference;
import dev.sluice.server.config.SluiceSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice config-reference}: the README's configuration table, generated from the declarations. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Print the configuration reference (Markdown) generated from the settings' declarations.")
final class ConfigReferenceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The table exactly as the README must contain it. */
    static String table() {
        return new MarkdownReference(SluiceSettings.CATALOG).table();
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(table());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
