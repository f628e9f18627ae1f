package dev.sluice.bench.run;

import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.child.ChildMain;
import dev.sluice.bench.child.ChildReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Launches a contender in its own JVM, with this JVM's class path, so that its memory and CPU are
 * its own and measurable from /proc. Its stderr (logs) goes to a file per run; its stdout carries
 * the {@link ChildReport} protocol only.
 */
public final class ChildJvm {

    private final String javaBinary;
    private final String classPath;
    private final List<String> commonJvmArgs;
    private final Path logDir;
    private final boolean jfr;

    /** {@code jfr}: record a profile of every child next to its log ({@code <label>.jfr}). */
    public ChildJvm(List<String> commonJvmArgs, Path logDir, boolean jfr) {
        this.javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classPath = absoluteClassPath();
        this.commonJvmArgs = List.copyOf(commonJvmArgs);
        this.logDir = logDir;
        this.jfr = jfr;
    }

    /** Starts the child; {@code label} names its log file. */
    public Running start(String label, List<String> jvmArgs, ChildArgs args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(commonJvmArgs);
        command.addAll(jvmArgs);
        if (jfr) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + logDir.resolve(label + ".jfr").toAbsolutePath());
        }
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.addAll(args.toArgs());
        Path log = logDir.resolve(label + ".log");
        try {
            Files.createDirectories(logDir);
            Files.writeString(log, String.join(" ", command) + "\n\n", StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Running(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the child JVM for " + label, e);
        }
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A started child. */
    public static final class Running {
        private final Process process;
        private final Path log;
        private final ProcessWatch watch;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Running(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.watch = new ProcessWatch(process.pid());
            Thread reader = new Thread(this::readStdout, "bench-child-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void readStdout() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("BENCH ")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone; awaitLine notices
            }
        }

        /** Waits until the contender is started; false if it failed first or took longer than {@code timeout}. */
        public boolean awaitReady(Duration timeout) throws InterruptedException {
            String line = awaitLine(timeout);
            if (line != null && !line.equals(ChildReport.READY)) {
                lines.add(line); // a result (failure) before ready: keep it for awaitResult
                return false;
            }
            return line != null;
        }

        /**
         * Waits for the child's result, measures the process while it waits to be released, then
         * releases it. A child that does not answer in time is killed and reported as timed out.
         */
        public Outcome awaitResult(Duration timeout) throws InterruptedException {
            String line;
            do {
                line = awaitLine(timeout);
            } while (line != null && line.equals(ChildReport.READY));
            ProcStats stats;
            ChildReport report;
            if (line == null) {
                watch.sample();
                stats = watch.stop();
                report = process.isAlive()
                        ? new ChildReport("timeout", 0, 0, 0, 0, 0, 0, 0, 0, "no result within " + timeout.toSeconds() + " s")
                        : new ChildReport("failed", 0, 0, 0, 0, 0, 0, 0, 0, "exited with status " + process.exitValue()
                                + " before reporting; see " + log);
            } else {
                watch.sample();
                stats = watch.stop();
                report = ChildReport.parse(line);
            }
            release();
            return new Outcome(report, stats, log);
        }

        private String awaitLine(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (!process.isAlive()) {
                    return lines.poll(1, TimeUnit.SECONDS);
                }
            }
            return null;
        }

        private void release() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
