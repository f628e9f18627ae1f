package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.error.FatalException;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake stops Sluice with one line that says what is wrong and what to do, instead of
 * a stack trace or a retry loop.
 */
class UserMistakesTest {

    private static final TestPostgres PG = TestPostgres.shared();

    @TempDir
    Path state;

    @Test
    void wrongPortSaysTheServerIsNotReachable() {
        String db = PG.createDatabase("mistake");
        String message = failure(db, c -> with(c, "jdbc:postgresql://localhost:1/" + db, c.user(), c.tables()));
        assertThat(message).contains("cannot connect to localhost:1/" + db).contains("refused")
                .contains("is the server running and the address right?");
    }

    @Test
    void unknownDatabaseIsNamed() {
        String db = PG.createDatabase("mistake");
        String message = failure(db, c -> with(c, PG.jdbcUrl("no_such_db"), c.user(), c.tables()));
        assertThat(message).contains("no_such_db").contains("check the database name in database-url");
    }

    @Test
    void userWithoutReplicationPrivilegeIsToldHowToGrantIt() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE ROLE plain_user LOGIN");
        String message = failure(db, c -> with(c, c.databaseUrl(), "plain_user", c.tables()));
        assertThat(message).isEqualTo("user plain_user may not use replication on localhost:" + PG.port() + "/" + db
                + "; ALTER ROLE plain_user WITH REPLICATION (or, on a hosted database, grant its replication role)");
    }

    @Test
    void missingSelectPrivilegeNamesTheTableAndTheGrant() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE TABLE secret (id int PRIMARY KEY)");
        execute(db, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'repl_user') THEN "
                + "CREATE ROLE repl_user LOGIN REPLICATION; END IF; END $$");
        String message = failure(db, c -> with(c, c.databaseUrl(), "repl_user", List.of("secret")));
        assertThat(message).isEqualTo("user repl_user may not read table \"public\".\"secret\"; "
                + "GRANT SELECT ON \"public\".\"secret\" TO repl_user");
    }

    @Test
    void walLevelNotLogicalSaysHowToChangeIt() throws Exception {
        try (TestPostgres replica = TestPostgres.start(Map.of("wal_level", "replica"))) {
            try (Connection c = replica.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            }
            SluiceConfig config = EngineHarness.config(replica, "postgres", TestKafka.shared().bootstrapServers(), state, List.of());
            String message = failureOf(config);
            assertThat(message).isEqualTo("wal_level is 'replica' on localhost:" + replica.port() + "/postgres; "
                    + "set wal_level = logical (ALTER SYSTEM SET wal_level = logical) and restart PostgreSQL");
        }
    }

    @Test
    void unknownTableIsNamed() throws Exception {
        String db = PG.createDatabase("mistake");
        String message = failure(db, c -> with(c, c.databaseUrl(), c.user(), List.of("public.nope")));
        assertThat(message).startsWith("table \"public\".\"nope\" does not exist; check the tables setting");
    }

    @Test
    void viewIsRefusedAsNotATable() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE VIEW v AS SELECT 1 AS x");
        String message = failure(db, c -> with(c, c.databaseUrl(), c.user(), List.of("v")));
        assertThat(message).startsWith("\"public\".\"v\" is a view, not a table Sluice can capture");
    }

    @Test
    void unkeyedTablesAreRefusedByNameUnlessAllowed() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE TABLE loose (a int)");
        execute(db, "CREATE TABLE keyed (id int PRIMARY KEY)");
        String message = failure(db, UnaryOperator.identity());
        assertThat(message).isEqualTo("tables without a primary key or replica identity index: public.loose; "
                + "add a primary key, or set allow-unkeyed to capture them without a key");
    }

    @Test
    void slotInUseByAnotherSluiceNamesThePid() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        SluiceConfig config = EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, List.of());
        try (EngineHarness first = new EngineHarness(config)) {
            Poll.until(Duration.ofSeconds(60), () -> slotActive(db), "first sluice streaming");
            String message = failureOf(config);
            assertThat(message).matches("slot \"" + db + "\" is active for PID \\d+ — another sluice is running on this "
                    + "database; stop it or pick another slot");
            assertThat(first.isAlive()).isTrue();
        }
    }

    @Test
    void kafkaDownIsReportedWithTheServers() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        SluiceConfig config = EngineHarness.config(PG, db, "127.0.0.1:1", state, List.of());
        assertThat(failureOf(config)).startsWith("Kafka at 127.0.0.1:1 is not reachable");
    }

    @Test
    void droppedSlotIsFatalAndResetStartsOverWithANewSnapshot() throws Exception {
        String db = PG.createDatabase("mistake");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        execute(db, "INSERT INTO t VALUES (1)");
        SluiceConfig config = EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, List.of());
        try (EngineHarness first = new EngineHarness(config)) {
            Poll.until(Duration.ofSeconds(60), () -> slotActive(db), "streaming");
        }
        Poll.until(Duration.ofSeconds(30), () -> !slotActive(db), "the stopped sluice's walsender gone");
        execute(db, "SELECT pg_drop_replication_slot('" + db + "')");
        assertThat(failureOf(config)).startsWith("replication slot \"" + db + "\" is gone (it was at ")
                .endsWith("the changes since then are lost to Sluice; restart with --reset to take a new snapshot and start over");
        SluiceEngine reset = new SluiceEngine(config);
        reset.reset();
        try (EngineHarness second = new EngineHarness(config)) {
            Poll.until(Duration.ofSeconds(60), () -> second.engine.stats().count(dev.sluice.core.event.Operation.READ) == 1,
                    "a new snapshot");
            assertThat(second.failure.get()).isNull();
        }
    }

    private static boolean slotActive(String db) throws Exception {
        return Sql.slotActive(PG, db, db);
    }

    private String failure(String db, UnaryOperator<SluiceConfig> change) {
        SluiceConfig config = EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, List.of());
        return failureOf(change.apply(config));
    }

    /** Runs the engine and returns the fatal message it stopped with. */
    private static String failureOf(SluiceConfig config) {
        EngineHarness harness = new EngineHarness(config);
        harness.join();
        assertThat(harness.isAlive()).as("the engine stopped by itself").isFalse();
        assertThat(harness.failure.get()).isInstanceOf(FatalException.class);
        String message = harness.failure.get().getMessage();
        assertThat(message).doesNotContain("\n").doesNotContain("Exception");
        return message;
    }

    private static SluiceConfig with(SluiceConfig c, String url, String user, List<String> tables) {
        return new SluiceConfig(url, user, c.password(), c.slot(), c.publication(), tables, c.schemas(), c.topicPrefix(),
                c.topicOverrides(), c.allowUnkeyed(), c.tombstones(), c.kafkaBootstrapServers(), c.kafkaProperties(),
                c.topicPartitions(), c.topicReplicationFactor(), c.output(), c.stateDir(), c.snapshotMode(),
                c.heartbeatInterval(), c.statusInterval(), c.maxInFlight(), c.retryInitialBackoff(), c.retryMaxBackoff(),
                c.format());
    }

    private static void execute(String db, String sql) throws Exception {
        Sql.execute(PG, db, sql);
    }
}
