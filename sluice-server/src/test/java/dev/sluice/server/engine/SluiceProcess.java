package dev.sluice.server.engine;

import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code sluice run} as a separate JVM, as a user would, with its output in a log file. */
final class SluiceProcess {

    private SluiceProcess() {
    }

    static Process start(TestPostgres pg, String db, Path stateDir, String heap, Path log) throws IOException {
        return start(pg, db, stateDir, heap, log, List.of());
    }

    /** With more {@code sluice run} flags. */
    static Process start(TestPostgres pg, String db, Path stateDir, String heap, Path log, List<String> flags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                "dev.sluice.server.cli.SluiceCli", "run",
                "--database-url", "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + db,
                "--user", pg.user(),
                "--slot", db, "--publication", db,
                "--state-dir", stateDir.toString(),
                "--kafka-bootstrap-servers", TestKafka.shared().bootstrapServers(),
                "--heartbeat-interval", "200ms",
                "--http-address", "127.0.0.1:0",
                "--retry-initial-backoff", "200ms"));
        command.addAll(flags);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
