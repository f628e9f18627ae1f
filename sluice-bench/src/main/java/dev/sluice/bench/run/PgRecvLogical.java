package dev.sluice.bench.run;

import dev.sluice.bench.child.ChildReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream's physical limit: PostgreSQL's own {@code pg_recvlogical} reading a slot with
 * pgoutput (protocol 1) into /dev/null until {@code --endpos}, the position of the workload's
 * last commit. Timed from process start to exit; it connects in milliseconds, so that is its drain.
 */
public final class PgRecvLogical {

    private final Path binary;
    private final Path logDir;

    public PgRecvLogical(Path binary, Path logDir) {
        this.binary = binary;
        this.logDir = logDir;
    }

    /**
     * The binary to run: {@code /usr/bin/pg_recvlogical} on Debian is a Perl wrapper that costs
     * about 90 ms per start, so the real binary behind it is used when it can be found.
     */
    public static Path locate() {
        Path wrapper = Path.of("/usr/bin/pg_recvlogical");
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pg_recvlogical")).filter(Files::isExecutable)
                    .max(java.util.Comparator.comparing(Path::toString)).orElse(wrapper);
        } catch (IOException e) {
            return wrapper;
        }
    }

    public Path binary() {
        return binary;
    }

    /** Drains {@code slot} until {@code endLsn}; {@code events} is what the workload wrote. */
    public Outcome drain(String label, String host, int port, String user, String database, String slot,
            String publication, String endLsn, long events, Duration timeout) throws InterruptedException {
        List<String> command = List.of(binary.toString(), "-h", host, "-p", Integer.toString(port), "-U", user,
                "-d", database, "--slot=" + slot, "--start", "--no-loop", "-o", "proto_version=1",
                "-o", "publication_names=" + publication, "-f", "/dev/null", "--endpos=" + endLsn);
        Path log = logDir.resolve(label + ".log");
        try {
            Files.createDirectories(logDir);
            Files.writeString(log, String.join(" ", command) + "\n\n", StandardCharsets.UTF_8);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ProcessWatch watch = new ProcessWatch(process.pid());
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            ProcStats stats = watch.stop();
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Outcome(failure("timeout", "did not reach " + endLsn + " within " + timeout.toSeconds() + " s"), stats, log);
            }
            if (process.exitValue() != 0) {
                return new Outcome(failure("failed", "exit status " + process.exitValue() + "; see " + log), stats, log);
            }
            return new Outcome(new ChildReport("done", events, (end - start) / 1e9, 0, 0, 0, 0, 0, 0, ""), stats, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary, e);
        }
    }

    private static ChildReport failure(String status, String message) {
        return new ChildReport(status, 0, 0, 0, 0, 0, 0, 0, 0, message);
    }
}
