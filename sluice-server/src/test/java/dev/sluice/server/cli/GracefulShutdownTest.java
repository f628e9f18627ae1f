package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM (what {@code kill}, systemd and Kubernetes send) stops {@code sluice run} cleanly, with its own status. */
class GracefulShutdownTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void sigtermStopsTheEngineAndExitsZero() throws Exception {
        Child child = Child.start(false);
        child.awaitOut("engine running");

        child.process.destroy(); // SIGTERM

        assertThat(child.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).isZero();
        child.awaitOut("engine stopped");
    }

    @Test
    void aFatalFaultWhileStoppingStillExitsTwoWithItsMessage() throws Exception {
        Child child = Child.start(true);
        child.awaitOut("engine running");

        child.process.destroy();

        assertThat(child.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).isEqualTo(2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(child.err)
                .contains("sluice: could not confirm the last position"));
    }

    /** A child JVM running {@link SignalledRunMain}, its output collected line by line. */
    private record Child(Process process, List<String> out, List<String> err) {

        static Child start(boolean failOnStop) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfail-on-stop=" + failOnStop, SignalledRunMain.class.getName(),
                    "run", "--database-url", "jdbc:postgresql://localhost:5432/shop")
                    .start();
            Child child = new Child(process, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            collect(process.getInputStream(), child.out);
            collect(process.getErrorStream(), child.err);
            return child;
        }

        void awaitOut(String line) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(out).as("stdout (stderr: %s)", err).contains(line));
        }

        private static void collect(InputStream stream, List<String> lines) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                    lines.add("(output closed: " + e.getMessage() + ")");
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
