package dev.sluice.bench.child;

import dev.sluice.bench.Contender;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of a contender's own JVM. It runs one contender until the expected events are
 * done, prints one {@link ChildReport} line on stdout (logs go to stderr), and then waits for the
 * parent to close its stdin: the parent reads this process's peak RSS and CPU time from /proc in
 * between, while the process still exists. Then it halts at once, skipping the contenders' slow
 * shutdowns, which are not measured.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] argv) throws Exception {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ChildArgs args = ChildArgs.parse(argv);
        Contender contender = Contender.of(args.get("contender"));
        HeapWatcher heap = HeapWatcher.start();
        // An incremental snapshot's reads are not known beforehand: the contender says when they are done.
        long expected = args.getBoolean("incremental") ? DrainMeter.UNKNOWN : args.getLong("expect", DrainMeter.UNKNOWN);
        DrainMeter meter = new DrainMeter(expected, args.getLong("skip", 0), args.getBoolean("latency"), args.getLong("untimed", 0));
        String status;
        try {
            runner(contender).start(args, meter);
            protocol.println(ChildReport.READY);
            boolean finished = meter.await(args.getLong("timeoutSeconds", 1800));
            status = meter.failure() != null ? "failed" : finished ? "done" : "timeout";
        } catch (Exception | Error e) {
            meter.fail(e);
            status = "failed";
        }
        Throwable failure = meter.failure();
        if (failure != null) {
            failure.printStackTrace();
        }
        LatencyRecorder.LatencySummary latency = meter.latency();
        protocol.println(new ChildReport(status, meter.timedCount(), status.equals("done") ? meter.seconds() : 0,
                latency.count(), latency.p50Micros(), latency.p99Micros(), latency.maxMicros(), heap.peakUsedBytes(),
                heap.peakAfterGcBytes(), failure == null ? "" : String.valueOf(failure)).format());
        awaitEndOfInput(System.in);
        writeFlightRecordings();
        Runtime.getRuntime().halt(0);
    }

    /** A profile started with -XX:StartFlightRecording is written by stopping it: halt skips dump-on-exit. */
    private static void writeFlightRecordings() {
        if (jdk.jfr.FlightRecorder.isInitialized()) {
            for (jdk.jfr.Recording recording : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
                recording.stop();
            }
        }
    }

    private static ContenderRun runner(Contender contender) {
        return switch (contender) {
            case COPY_TEXT -> new CopyRun(false);
            case COPY_BINARY -> new CopyRun(true);
            case DEBEZIUM_COUNT, DEBEZIUM_COUNT_RAISED, DEBEZIUM_KAFKA, DEBEZIUM_KAFKA_RAISED ->
                    new DebeziumRun(contender.kafka(), contender.raised());
            case SLUICE_DISCARD, SLUICE_DISCARD_DEBEZIUM_JSON, SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS, SLUICE_DISCARD_AVRO,
                    SLUICE_KAFKA -> new SluiceRun(contender.kafka(), contender.encoding());
            case PGJDBC_RAW -> new PgjdbcRawRun();
            case PG_RECVLOGICAL -> throw new IllegalArgumentException("pg_recvlogical is not a JVM contender");
        };
    }

    private static void awaitEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the parent only ever closes it
            }
        } catch (IOException e) {
            // the parent is gone: nothing left to wait for
        }
    }
}
