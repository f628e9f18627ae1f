package dev.sluice.server.cli;

import dev.sluice.core.config.ConfigException;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SluiceSettings;
import dev.sluice.server.engine.SnapshotControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code sluice snapshot}: asks the Sluice running on a database for an incremental snapshot of
 * some tables (optionally a range of them), or pauses, resumes or cancels its snapshots. The
 * request goes through the {@code sluice} schema's SQL functions, which check it; the running
 * process reads it from its replication stream. Takes the same settings as {@code run}, of which
 * it needs the connection and the slot.
 */
final class SnapshotCommand implements Callable<Integer> {

    private final Function<String, String> env;
    private CommandSpec spec;

    private SnapshotCommand(Function<String, String> env) {
        this.env = env;
    }

    static CommandSpec spec(Function<String, String> env) {
        SnapshotCommand command = new SnapshotCommand(env);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("snapshot").mixinStandardHelpOptions(true);
        spec.usageMessage()
                .description("Request an incremental snapshot of tables from the running sluice, while it keeps streaming;"
                        + " or pause, resume or cancel its incremental snapshots.",
                        "Examples: sluice snapshot --table public.orders --where \"created_at > '2026-01-01'\"; "
                                + "sluice snapshot pause")
                .sortOptions(false)
                .abbreviateSynopsis(true);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("[pause|resume|cancel]").arity("0..1").type(String.class)
                .description("Instead of a new snapshot: pause, resume or cancel the running ones.").build());
        spec.addOption(OptionSpec.builder("--table", "-t").type(String.class).paramLabel("<schema.table>").arity("1")
                .splitRegex(",").auxiliaryTypes(String.class).type(List.class)
                .description("A captured table to snapshot; repeat or separate with commas.").build());
        spec.addOption(OptionSpec.builder("--where").type(String.class).paramLabel("<condition>")
                .description("Only the rows matching this SQL condition (re-snapshot a range of keys).").build());
        spec.addOption(RunCommand.configOption());
        SettingOptions.addTo(spec, SluiceSettings.CATALOG);
        command.spec = spec;
        return spec;
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        SluiceConfig config = RunCommand.config(parsed, env);
        SnapshotControl control = new SnapshotControl(config);
        List<String> tables = parsed.matchedOptionValue("--table", new ArrayList<String>());
        String action = parsed.matchedPositionals().isEmpty() ? null : parsed.matchedPositionals().get(0).getValue();
        var out = spec.commandLine().getOut();
        if (action != null) {
            if (!tables.isEmpty() || parsed.hasMatchedOption("--where")) {
                throw new ConfigException("'sluice snapshot " + action + "' takes no --table or --where");
            }
            long id = control.signal(action);
            out.println("requested " + action + " of the incremental snapshots of slot " + config.slot() + " (request " + id
                    + "); the running sluice applies it when it reads the request from its stream");
            return 0;
        }
        if (tables.isEmpty()) {
            throw new ConfigException("name the tables to snapshot with --table, e.g. sluice snapshot --table public.orders");
        }
        List<Long> ids = control.snapshot(tables, parsed.matchedOptionValue("--where", null));
        out.println("requested an incremental snapshot of " + String.join(", ", tables) + " (request" + (ids.size() > 1 ? "s " : " ")
                + ids.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ") from the sluice on slot "
                + config.slot() + "; it reads the rows while streaming");
        return 0;
    }
}
