package dev.sluice.server.cli;

import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SluiceSettings;
import dev.sluice.server.engine.Installation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code sluice install} and {@code sluice uninstall}: the control plane (schema {@code sluice},
 * its functions, the role {@code sluice_admin}) in the configured database. Take the same
 * settings as {@code run}, of which they need the connection.
 */
final class InstallCommand implements Callable<Integer> {

    private final Function<String, String> env;
    private final boolean install;
    private CommandSpec spec;

    private InstallCommand(Function<String, String> env, boolean install) {
        this.env = env;
        this.install = install;
    }

    static CommandSpec install(Function<String, String> env) {
        return spec(new InstallCommand(env, true), "install",
                "Install Sluice's control plane in the database: the schema sluice (capture list, history, status, sink "
                        + "connectors), its SQL functions (sluice.add_table(), sluice.status(), ...) and the role sluice_admin "
                        + "that may call them. Plain SQL, no extension. From then on the capture list is sluice.capture, "
                        + "seeded with the configured tables. Idempotent: run it again after an upgrade.");
    }

    static CommandSpec uninstall(Function<String, String> env) {
        return spec(new InstallCommand(env, false), "uninstall",
                "Remove Sluice's control plane (the schema sluice and the role sluice_admin) from the database; "
                        + "says what it leaves (replication slots, publications). Refused while a sluice streams.");
    }

    private static CommandSpec spec(InstallCommand command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name).mixinStandardHelpOptions(true);
        spec.usageMessage().description(description).sortOptions(false).abbreviateSynopsis(true);
        spec.addOption(RunCommand.configOption());
        SettingOptions.addTo(spec, SluiceSettings.CATALOG);
        command.spec = spec;
        return spec;
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        SluiceConfig config = RunCommand.config(parsed, env);
        PrintWriter out = spec.commandLine().getOut();
        Installation installation = new Installation(config);
        if (install) {
            ControlPlane.Installed done = installation.install();
            out.println((done.alreadyInstalled() ? "updated" : "installed") + " Sluice's control plane in " + config.databaseUrl()
                    + ": schema sluice, its functions, role " + ControlPlane.ADMIN_ROLE + ".");
            out.println("capture list sluice.capture: " + done.tablesCaptured() + " tables"
                    + (done.tablesSeeded() > 0 ? " (" + done.tablesSeeded() + " seeded from the configuration)" : "")
                    + "; change it with SELECT sluice.add_table('public', 'orders') or sluice tables add.");
            out.println("grant control to a user with: GRANT " + ControlPlane.ADMIN_ROLE + " TO <user>;"
                    + " a running sluice uses the capture list from its next start.");
            return 0;
        }
        ControlPlane.Uninstalled done = installation.uninstall();
        out.println(done.wasInstalled() ? "removed the schema sluice from " + config.databaseUrl()
                : "the schema sluice was not installed in " + config.databaseUrl());
        if (done.roleDropped()) {
            out.println("dropped the role " + ControlPlane.ADMIN_ROLE);
        } else if (done.roleKeptBecause() != null) {
            out.println("kept the role " + ControlPlane.ADMIN_ROLE + ": " + done.roleKeptBecause());
        }
        for (String slot : done.slotsLeft()) {
            out.println("left replication slot " + slot + ": drop it with sluice run --reset or SELECT pg_drop_replication_slot(...)"
                    + " when Sluice is retired, or it keeps WAL");
        }
        for (String publication : done.publicationsLeft()) {
            out.println("left publication " + publication + ": DROP PUBLICATION " + publication + " when Sluice is retired");
        }
        return 0;
    }
}
