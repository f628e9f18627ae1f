package dev.sluice.server.http;

import dev.sluice.server.config.ControlConfig;
import dev.sluice.server.config.FormatConfig;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.control.ControlService;
import dev.sluice.server.engine.EngineState;
import dev.sluice.server.engine.Installation;
import dev.sluice.server.engine.SluiceEngine;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A real Sluice for the HTTP API's tests: the control plane installed in a fresh database of the
 * shared PostgreSQL, an engine streaming its tables into the shared broker, and the admin API on
 * a free loopback port with a token, answering from the engine and its control service. The test
 * starts the API itself (the engine's config has none) to hold the server it tests.
 */
public final class RunningSluice implements AutoCloseable {

    public static final String TOKEN = "secret";
    static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    public final String db;
    public final SluiceEngine engine;
    public final ControlService control;
    public final AdminServer server;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /** Creates a database with {@code ddl}, installs the control plane capturing {@code tables}, streams, serves the API. */
    public RunningSluice(String prefix, String ddl, List<String> tables, Path stateDir) throws SQLException {
        db = PG.createDatabase(prefix);
        sql(ddl);
        SluiceConfig config = config(db, stateDir, tables);
        new Installation(config).install();
        engine = new SluiceEngine(config);
        thread = new Thread(() -> {
            try {
                engine.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "engine-" + db);
        thread.start();
        control = engine.controlService();
        server = AdminServer.start(ControlConfig.NONE.withHttp("127.0.0.1:0", TOKEN), engine, control);
        await(() -> engine.state() == EngineState.STREAMING, "streaming");
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public void sql(String statements) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    public void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (failure.get() != null) {
                throw new AssertionError("the engine failed", failure.get());
            }
            return condition.call();
        });
    }

    public Throwable failure() {
        return failure.get();
    }

    /** The control service an engine on {@code database} would use (the engine is not run); the database may lack the control plane. */
    static ControlService control(String database, Path stateDir) {
        return new SluiceEngine(config(database, stateDir, List.of())).controlService();
    }

    private static SluiceConfig config(String database, Path stateDir, List<String> tables) {
        String url = "jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + database;
        return new SluiceConfig(url, PG.user(), PG.password(), database, database, tables, List.of("public"), null, Map.of(),
                false, true, TestKafka.shared().bootstrapServers(), Map.of(), 1, (short) -1, null, stateDir,
                SluiceConfig.SnapshotMode.INITIAL, Duration.ofMillis(200), Duration.ofMillis(500), 20_000,
                Duration.ofMillis(200), Duration.ofSeconds(2), FormatConfig.defaults());
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        engine.stop();
        thread.join(60_000);
    }
}
