package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what {@code kill}, systemd and Kubernetes send) stops {@code sluice run} cleanly, with its own status. */
class GracefulShutdownTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheEngineAndExitsZero() throws Exception {
        Child child = Child.start(dir, false);
        child.awaitOut("engine running");

        child.process.destroy(); // SIGTERM

        assertThat(child.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).as(child.describe()).isZero();
        assertThat(child.out()).contains("engine stopped");
    }

    @Test
    void aFatalFaultWhileStoppingStillExitsTwoWithItsMessage() throws Exception {
        Child child = Child.start(dir, true);
        child.awaitOut("engine running");

        child.process.destroy();

        assertThat(child.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).as(child.describe()).isEqualTo(2);
        assertThat(child.err()).isEqualTo("sluice: could not confirm the last position\n");
    }

    /** A child JVM running {@link SignalledRunMain}, its output in files (a pipe would be closed by destroy()). */
    private record Child(Process process, Path stdout, Path stderr) {

        static Child start(Path dir, boolean failOnStop) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfail-on-stop=" + failOnStop, SignalledRunMain.class.getName(),
                    "run", "--database-url", "jdbc:postgresql://localhost:5432/shop")
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new Child(process, stdout, stderr);
        }

        void awaitOut(String line) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(out()).as(describe()).contains(line));
        }

        String out() throws IOException {
            return Files.readString(stdout);
        }

        String err() throws IOException {
            return Files.readString(stderr);
        }

        String describe() throws IOException {
            return "child stdout: " + out() + "\nchild stderr: " + err();
        }
    }
}
