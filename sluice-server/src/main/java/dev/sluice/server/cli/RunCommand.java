package dev.sluice.server.cli;

import dev.sluice.core.config.ConfigException;
import dev.sluice.core.config.ResolvedSettings;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SluiceConfigLoader;
import dev.sluice.server.config.SluiceSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code sluice run}: resolves the configuration (failing with every problem at once, before
 * connecting anywhere), then runs the engine until it is stopped by a signal or a fatal fault.
 * Built with picocli's programmatic API because its options are generated from
 * {@link SluiceSettings#CATALOG}.
 */
final class RunCommand implements Callable<Integer> {

    static final String CONFIG_ENV = "SLUICE_CONFIG";
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Function<String, String> env;
    private final Function<SluiceConfig, Engine> engines;
    private final GracefulShutdown shutdown;
    private CommandSpec spec;

    private RunCommand(Function<String, String> env, Function<SluiceConfig, Engine> engines, GracefulShutdown shutdown) {
        this.env = env;
        this.engines = engines;
        this.shutdown = shutdown;
    }

    /** The {@code run} command, options included. */
    static CommandSpec spec(Function<String, String> env, Function<SluiceConfig, Engine> engines,
            GracefulShutdown shutdown) {
        RunCommand command = new RunCommand(env, engines, shutdown);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("run").mixinStandardHelpOptions(true);
        spec.usageMessage()
                .description("Stream the database's committed changes to Kafka (or JSON lines) until stopped.",
                        "Each setting is taken from, in rising precedence: its default, the --config file (keys "
                                + "are the setting names), its SLUICE_* environment variable, its flag.")
                .sortOptions(false)
                .abbreviateSynopsis(true);
        spec.addOption(configOption());
        spec.addOption(OptionSpec.builder("--reset").type(boolean.class).arity("0")
                .description("Drop the replication slot and Sluice's local state first, and start over with a new snapshot "
                        + "(after the slot was dropped or lost the WAL it needed).")
                .build());
        SettingOptions.addTo(spec, SluiceSettings.CATALOG);
        command.spec = spec;
        return spec;
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> flags = SettingOptions.given(parsed, SluiceSettings.CATALOG);
        ResolvedSettings resolved = SluiceConfigLoader.resolve(configFile(parsed, env), env, flags);
        SluiceConfig config = SluiceConfigLoader.toConfig(resolved);
        if (LOG.isDebugEnabled()) {
            resolved.listing().forEach(line -> LOG.debug("setting {}", line));
        }
        Engine engine = engines.apply(config);
        if (parsed.hasMatchedOption("--reset")) {
            engine.reset();
        }
        shutdown.arm(engine::stop);
        try {
            engine.run();
        } finally {
            shutdown.disarm();
        }
        return 0;
    }

    /** {@code --config}, shared by the commands that take settings; read with {@link #configFile}. */
    static OptionSpec configOption() {
        return OptionSpec.builder("--config", "-c")
                .type(String.class).paramLabel("<file>")
                .description("YAML configuration file. Env: " + CONFIG_ENV + ".")
                .build();
    }

    /** The {@code --config} file, else {@code SLUICE_CONFIG}'s; null for none. Shared by the commands that take settings. */
    static Path configFile(ParseResult parsed, Function<String, String> env) {
        String given = parsed.matchedOptionValue("--config", env.apply(CONFIG_ENV));
        if (given == null || given.isEmpty()) {
            return null;
        }
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            throw new ConfigException("config file '" + given + "' is not a valid path: " + e.getReason());
        }
    }

    /**
     * The configuration of a command that takes {@code run}'s settings ({@code --config}, the
     * {@code SLUICE_*} variables, the setting flags) but runs no engine: snapshot, install, uninstall.
     */
    static SluiceConfig config(ParseResult parsed, Function<String, String> env) {
        Map<String, String> flags = SettingOptions.given(parsed, SluiceSettings.CATALOG);
        return SluiceConfigLoader.load(configFile(parsed, env), env, flags);
    }
}
