package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.error.FatalException;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SluiceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCliTest {

    private static final String URL = "jdbc:postgresql://localhost:5432/shop";

    @TempDir
    Path dir;

    private final AtomicReference<SluiceConfig> started = new AtomicReference<>();
    private RuntimeException engineFailure;

    /** Exit status and what was printed. */
    record Outcome(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SluiceCli cli = new SluiceCli(env::get, config -> new Engine() {
            @Override
            public void run() {
                started.set(config);
                if (engineFailure != null) {
                    throw engineFailure;
                }
            }

            @Override
            public void stop() {
            }
        });
        int status = cli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private Outcome run(String... args) {
        return run(Map.of(), args);
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runStartsTheEngineWithTheResolvedConfigAndExitsZero() throws IOException {
        Path file = yaml("database-url: " + URL + "\nslot: from_file\ntables: [public.orders]\n");

        Outcome outcome = run(Map.of("SLUICE_HEARTBEAT_INTERVAL", "2s"), "run", "--config", file.toString(),
                "--max-in-flight", "500", "--allow-unkeyed", "--tombstones=false");

        assertThat(outcome.status()).isZero();
        assertThat(outcome.err()).isEmpty();
        SluiceConfig config = started.get();
        assertThat(config.databaseUrl()).isEqualTo(URL);
        assertThat(config.slot()).isEqualTo("from_file");
        assertThat(config.tables()).containsExactly("public.orders");
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxInFlight()).isEqualTo(500);
        assertThat(config.allowUnkeyed()).isTrue();
        assertThat(config.tombstones()).isFalse();
    }

    @Test
    void theConfigFileCanComeFromTheEnvironment() throws IOException {
        Path file = yaml("database-url: " + URL + "\n");
        assertThat(run(Map.of("SLUICE_CONFIG", file.toString()), "run").status()).isZero();
        assertThat(started.get().databaseUrl()).isEqualTo(URL);
    }

    @Test
    void aMissingDatabaseUrlIsOneLineAndStatusTwo() {
        Outcome outcome = run("run");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly("sluice: database-url is required; set it in the config file, "
                + "with --database-url or with SLUICE_DATABASE_URL");
        assertThat(started.get()).isNull();
    }

    @Test
    void aUrlThatIsNotJdbcPostgresqlIsNamed() {
        Outcome outcome = run("run", "--database-url", "postgres://localhost/shop");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly("sluice: database-url: 'postgres://localhost/shop' "
                + "(from --database-url) is not a PostgreSQL JDBC URL; use jdbc:postgresql://host:5432/dbname");
    }

    @Test
    void malformedYamlIsOneLineWithItsPosition() throws IOException {
        Path file = yaml("database-url: " + URL + "\nslot: sluice\n  user: x\n");

        Outcome outcome = run("run", "--config", file.toString());

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("sluice: " + file + ":3:").contains(": malformed YAML: ");
    }

    @Test
    void anUnknownYamlKeyIsNamedWithTheClosestSetting() throws IOException {
        Path file = yaml("database-url: " + URL + "\nslots: two\n");

        Outcome outcome = run("run", "--config", file.toString());

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly(
                "sluice: unknown setting 'slots' (from " + file + ":2); did you mean 'slot'?");
    }

    @Test
    void aBadDurationFromTheEnvironmentNamesTheVariable() {
        Outcome outcome = run(Map.of("SLUICE_HEARTBEAT_INTERVAL", "10 parsecs"), "run", "--database-url", URL);

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly("sluice: heartbeat-interval: '10 parsecs' "
                + "(from SLUICE_HEARTBEAT_INTERVAL) is not a duration; use e.g. 500ms, 10s, 5m");
    }

    @Test
    void anUnknownFlagIsAUsageErrorWithASuggestion() {
        Outcome outcome = run("run", "--database-url", URL, "--slott", "x");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("sluice: Unknown option").contains("--slott").contains("--slot")
                .contains("Run 'sluice run --help' for the options.");
        assertThat(started.get()).isNull();
    }

    @Test
    void aFatalFaultIsOneLineWithoutStackTrace() {
        engineFailure = new FatalException("slot \"sluice\" is active for PID 4242; stop the other sluice or pick --slot");

        Outcome outcome = run("run", "--database-url", URL);

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).containsExactly(
                "sluice: slot \"sluice\" is active for PID 4242; stop the other sluice or pick --slot");
    }

    @Test
    void verboseAddsTheStackTrace() {
        engineFailure = new FatalException("cannot connect");

        Outcome outcome = run("run", "--database-url", URL, "--verbose");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines().get(0)).isEqualTo("sluice: cannot connect");
        assertThat(outcome.err()).contains("at dev.sluice.server.cli.SluiceCliTest");
    }

    @Test
    void anUnexpectedFailureIsOneLineAskingForVerboseAndStatusOne() {
        engineFailure = new IllegalStateException("queue\nbroken");

        Outcome outcome = run("run", "--database-url", URL);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errLines()).containsExactly(
                "sluice: unexpected error: IllegalStateException: queue (rerun with --verbose for details)");
    }

    @Test
    void runHelpListsEverySettingWithItsDefaultAndVariable() {
        Outcome outcome = run("run", "--help");

        assertThat(outcome.status()).isZero();
        String help = outcome.out().replaceAll("\\s+", " ");
        SluiceSettings.CATALOG.settings().forEach(setting -> assertThat(help)
                .contains(setting.flag())
                .contains("Default: " + setting.defaultText() + ".")
                .contains(SluiceSettings.CATALOG.envVar(setting)));
        assertThat(help).contains("Database settings:").contains("Runtime settings:")
                .contains("Default: 10s. Env: SLUICE_HEARTBEAT_INTERVAL.");
    }

    @Test
    void withoutACommandTheOverviewIsAUsageError() {
        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("Commands:").contains("run").contains("demo").contains("config-reference");
    }

    @Test
    void versionPrintsOneLine() {
        Outcome command = run("version");
        Outcome flag = run("--version");

        assertThat(command.status()).isZero();
        assertThat(command.out()).startsWith("sluice ").contains("Java ");
        assertThat(flag.out()).isEqualTo(command.out());
    }

    @Test
    void configReferencePrintsTheGeneratedTable() {
        Outcome outcome = run("config-reference");

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo(ConfigReferenceCommand.table())
                .startsWith("| Setting | Flag | Environment variable | Default | Description |")
                .contains("| `heartbeat-interval` | `--heartbeat-interval` | `SLUICE_HEARTBEAT_INTERVAL` | `10s` |");
    }

    @Test
    void aBadDemoDurationIsAUsageError() {
        Outcome outcome = run("demo", "--duration", "forever");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("'forever' is not a duration; use e.g. 500ms, 10s, 5m");
    }
}
