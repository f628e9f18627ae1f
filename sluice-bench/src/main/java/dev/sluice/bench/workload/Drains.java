package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.child.ChildReport;
import dev.sluice.bench.report.Measurement;
import dev.sluice.bench.run.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs one contender over what a workload wrote and turns its {@link Outcome} into a
 * {@link Measurement}: the steps every workload shares (arguments for the child, a generous
 * timeout, cleaning up its Kafka topics, one progress line).
 */
final class Drains {

    private final BenchContext context;

    Drains(BenchContext context) {
        this.context = context;
    }

    /** Arguments every JVM contender needs to read {@code table} of {@code database} through {@code slot}. */
    ChildArgs.Builder args(Contender contender, Database database, String slot, String table, String topicPrefix,
            long expected, boolean snapshot) {
        return ChildArgs.builder()
                .put("contender", contender.id())
                .put("url", database.url())
                .put("user", database.server().user())
                .put("password", database.server().password())
                .put("database", database.name())
                .put("slot", slot)
                .put("publication", Slots.PUBLICATION)
                .put("table", "public." + table)
                .put("snapshot", snapshot)
                .put("kafka", context.kafkaBootstrap())
                .put("topicPrefix", topicPrefix)
                .put("expect", expected)
                .put("timeoutSeconds", timeout(expected).toSeconds());
    }

    /**
     * Arguments for a contender reading a workload of {@code total} events: Debezium's contenders read
     * only as far as {@code debeziumWindow} goes and are timed within it, the others read and are
     * timed whole.
     */
    ChildArgs.Builder args(Contender contender, Database database, String slot, String table, String topicPrefix,
            long total, DrainWindow debeziumWindow, boolean snapshot) {
        DrainWindow window = contender.family() == Contender.Family.DEBEZIUM ? debeziumWindow : DrainWindow.ALL;
        return args(contender, database, slot, table, topicPrefix, window.read(total), snapshot)
                .put("untimed", window.untimed(total));
    }

    /** Runs a JVM contender to the end. */
    Measurement jvm(String workload, Contender contender, ChildArgs args, List<String> jvmArgs, String unit,
            boolean heap) throws InterruptedException {
        long expected = Long.parseLong(args.get("expect"));
        Outcome outcome = context.jvm().start(workload + "-" + contender.id(), jvmArgs, args)
                .awaitResult(timeout(expected).plusSeconds(60));
        cleanTopics(contender, args);
        return record(workload, contender, unit, outcome, heap);
    }

    /** Runs pg_recvlogical on {@code slot} up to {@code endLsn}. */
    Measurement recvlogical(String workload, Database database, String slot, String endLsn, long events)
            throws InterruptedException {
        Outcome outcome = context.recvlogical().drain(workload + "-" + Contender.PG_RECVLOGICAL.id(),
                database.server().host(), database.server().port(), database.server().user(), database.name(), slot,
                Slots.PUBLICATION, endLsn, events, timeout(events));
        return record(workload, Contender.PG_RECVLOGICAL, "events", outcome, false);
    }

    void cleanTopics(Contender contender, ChildArgs args) {
        if (contender.kafka()) {
            context.topicCleaner().accept(args.get("topicPrefix"));
        }
    }

    Measurement record(String workload, Contender contender, String unit, Outcome outcome, boolean heap) {
        ChildReport r = outcome.report();
        Measurement.Latency latency = r.latencyCount() == 0 ? null
                : new Measurement.Latency(r.latencyCount(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0);
        Measurement.Heap heapFigures = heap ? new Measurement.Heap(r.heapPeakBytes() / 1048576.0, r.heapAfterGcBytes() / 1048576.0) : null;
        Measurement m = new Measurement(workload, contender, unit, r.events(), r.seconds(), latency,
                outcome.process().cpuSeconds(), outcome.process().peakRssMb(), heapFigures, r.status(), r.error());
        context.progress().println(describe(m, outcome));
        return m;
    }

    private static String describe(Measurement m, Outcome outcome) {
        if (!m.done()) {
            return String.format(Locale.ROOT, "  %-14s %-38s %s: %s (log: %s)", m.workload(), m.contender().id(),
                    m.status().toUpperCase(Locale.ROOT), m.note(), outcome.log());
        }
        String line = String.format(Locale.ROOT, "  %-14s %-38s %,d %s in %.2f s = %,.0f/s; CPU %.1f s; peak RSS %.0f MB",
                m.workload(), m.contender().id(), m.events(), m.unit(), m.seconds(), m.rate(), m.cpuSeconds(), m.peakRssMb());
        if (m.latency() != null) {
            line += String.format(Locale.ROOT, "; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    m.latency().p50(), m.latency().p99(), m.latency().max());
        }
        if (m.heap() != null) {
            line += String.format(Locale.ROOT, "; heap peak %.0f MB, after GC %.0f MB", m.heap().peakMb(), m.heap().afterGcMb());
        }
        return line;
    }

    /** Long enough for a contender at 2,000 events/s plus two minutes of start-up. */
    static Duration timeout(long events) {
        return Duration.ofSeconds(120 + events / 2000);
    }
}
