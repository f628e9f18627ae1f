package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.error.FatalException;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong password is fatal at once, with one line naming the user and what to check — never a
 * retry loop. The test server normally trusts every connection, so this one is switched to
 * password authentication first.
 */
class AuthenticationTest {

    @TempDir
    Path state;

    @Test
    void wrongPasswordIsFatalWithOneClearLine() throws Exception {
        try (TestPostgres pg = TestPostgres.start(Map.of())) {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
                s.execute("SET password_encryption = 'scram-sha-256'");
                s.execute("ALTER ROLE postgres PASSWORD 'right'");
                String hba;
                try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                    rs.next();
                    hba = rs.getString(1);
                }
                Files.writeString(Path.of(hba), "local all all trust\n"
                        + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
                        + "host replication all 127.0.0.1/32 scram-sha-256\nhost replication all ::1/128 scram-sha-256\n");
                s.execute("SELECT pg_reload_conf()");
            }
            EngineHarness harness = new EngineHarness(EngineHarness.config(pg, "postgres",
                    TestKafka.shared().bootstrapServers(), state, List.of()));
            harness.join();
            assertThat(harness.isAlive()).isFalse();
            assertThat(harness.failure.get()).isInstanceOf(FatalException.class);
            assertThat(harness.failure.get().getMessage())
                    .startsWith("cannot connect to localhost:" + pg.port() + "/postgres as user postgres: ")
                    .contains("password")
                    .endsWith("; check user and password (and pg_hba.conf for replication connections)")
                    .doesNotContain("\n");
        }
    }
}
