package dev.sluice.server.cli;

import dev.sluice.core.config.ConfigException;
import dev.sluice.core.error.FatalException;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.engine.SluiceEngine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code sluice} command line. Owns the rules every subcommand shares: a user's mistake (a bad
 * setting, a {@link FatalException} such as wrong credentials) is one line on stderr,
 * {@code sluice: <message>}, and exit status 2, with no stack trace unless {@code --verbose};
 * anything unexpected is one line and status 1; a usage error is picocli's message and status 2.
 *
 * <p>The environment and the engine are injected so all of this is tested in-process.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Streams every committed change of a PostgreSQL database to Kafka: a consistent snapshot, "
                + "then the live change stream.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'sluice demo' to see it work, 'sluice COMMAND --help' for a command's options."})
public final class SluiceCli implements Callable<Integer> {

    /** Exit status of a user's mistake: bad configuration, usage, or a fatal fault. */
    public static final int USER_ERROR = 2;
    /** Exit status of an unexpected failure. */
    public static final int UNEXPECTED = 1;

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Function<String, String> env;
    private final Function<SluiceConfig, Engine> engines;
    private final GracefulShutdown shutdown;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show the stack trace of an error.")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    /**
     * A command line reading settings from {@code env} and running engines made by {@code engines}.
     * Tests pass a map's {@code get} and a fake engine.
     */
    public SluiceCli(Function<String, String> env, Function<SluiceConfig, Engine> engines) {
        this(env, engines, new GracefulShutdown(SHUTDOWN_GRACE));
    }

    private SluiceCli(Function<String, String> env, Function<SluiceConfig, Engine> engines, GracefulShutdown shutdown) {
        this.env = env;
        this.engines = engines;
        this.shutdown = shutdown;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        launch(args, System::getenv, SluiceCli::engine);
    }

    /** What {@link #main} does, with the engine injected (a test runs it in a child JVM and signals it). */
    static void launch(String[] args, Function<String, String> env, Function<SluiceConfig, Engine> engines) {
        GracefulShutdown shutdown = new GracefulShutdown(SHUTDOWN_GRACE);
        SluiceCli cli = new SluiceCli(env, engines, shutdown);
        int status = cli.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        shutdown.exit(status);
    }

    /** Parses {@code args}, runs the command and returns its exit status; never calls {@code System.exit}. */
    public int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The full command tree, with the error handling described on this class. */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.addSubcommand("run", RunCommand.spec(env, engines, shutdown));
        commandLine.addSubcommand("snapshot", SnapshotCommand.spec(env));
        commandLine.addSubcommand("status", new StatusCommand(env));
        commandLine.addSubcommand("tables", TablesCommand.command(env));
        commandLine.addSubcommand("suspend", new SuspendCommand(env));
        commandLine.addSubcommand("resume", new ResumeCommand(env));
        commandLine.addSubcommand("connectors", ConnectorsCommand.command(env));
        commandLine.addSubcommand("demo", new DemoCommand(engines, shutdown));
        commandLine.addSubcommand("install", InstallCommand.install(env));
        commandLine.addSubcommand("uninstall", InstallCommand.uninstall(env));
        commandLine.addSubcommand("config-reference", new ConfigReferenceCommand());
        commandLine.addSubcommand("version", new VersionCommand());
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler(SluiceCli::onFailure);
        commandLine.setParameterExceptionHandler(SluiceCli::onUsageError);
        return commandLine;
    }

    /** Without a command: the overview, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USER_ERROR;
    }

    private static Engine engine(SluiceConfig config) {
        SluiceEngine engine = new SluiceEngine(config);
        return new Engine() {
            @Override
            public void run() {
                engine.run();
            }

            @Override
            public void reset() {
                engine.reset();
            }

            @Override
            public void stop() {
                engine.stop();
            }
        };
    }

    private static int onFailure(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        int status;
        if (failure instanceof ConfigException config) {
            config.problems().forEach(problem -> err.println("sluice: " + problem));
            status = USER_ERROR;
        } else if (failure instanceof FatalException) {
            err.println("sluice: " + message(failure));
            status = USER_ERROR;
        } else {
            err.println("sluice: unexpected error: " + failure.getClass().getSimpleName() + ": " + firstLine(failure)
                    + (verbose ? "" : " (rerun with --verbose for details)"));
            status = UNEXPECTED;
        }
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    private static int onUsageError(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("sluice: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USER_ERROR;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable failure) {
        return message(failure).lines().findFirst().orElse("");
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "(no message)" : message.strip();
    }
}
