package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.report.Measurement;
import dev.sluice.bench.run.ChildJvm;
import dev.sluice.bench.run.Outcome;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Commit→acknowledgement latency under a steady load: for each rate and contender, a new slot, the
 * contender started and connected, then the writer holds the rate; every change after the warm-up
 * records the time from its transaction's commit (the commit timestamp carried in the event, which
 * has millisecond precision for both Sluice and Debezium) to the broker's acknowledgement.
 */
public final class LatencyWorkload implements Workload {

    static final List<Contender> CONTENDERS = List.of(Contender.SLUICE_DISCARD, Contender.SLUICE_KAFKA,
            Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED, Contender.DEBEZIUM_KAFKA, Contender.DEBEZIUM_KAFKA_RAISED);

    /** Run unless others are chosen: what the issue asks of this workload, within the time budget. */
    static final List<Contender> DEFAULT_CONTENDERS = List.of(Contender.SLUICE_KAFKA, Contender.DEBEZIUM_KAFKA,
            Contender.DEBEZIUM_KAFKA_RAISED);

    private static final String NAME = "latency";
    private static final long ID_STRIDE = 1_000_000_000L;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final List<Integer> rates;
    private final int seconds;
    private final int warmupSeconds;

    public LatencyWorkload(List<Integer> rates, int seconds, int warmupSeconds) {
        this.rates = List.copyOf(rates);
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> parameters() {
        return List.of(String.format(Locale.ROOT, "latency: a writer at %s changes/s (100 transactions/s, 50/30/20"
                + " inserts/updates/deletes) for %d s after a %d s warm-up, per contender; latency = ack time − commit"
                + " timestamp (ms precision), Kafka contenders to the broker's ack, others to their hand-over",
                rates.stream().map(r -> String.format(Locale.ROOT, "%,d", r)).toList(), seconds, warmupSeconds));
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, DEFAULT_CONTENDERS);
        Drains drains = new Drains(context);
        List<Measurement> results = new ArrayList<>();
        try (Database database = Database.create(context.postgres(), NAME)) {
            database.execute(TableShape.TYPICAL.createSql());
            try (Connection connection = database.connect()) {
                Slots.createPublication(connection, TableShape.TYPICAL.table());
            }
            long run = 0;
            for (int rate : rates) {
                for (Contender contender : contenders) {
                    run++;
                    results.add(measure(context, drains, database, rate, contender, run * ID_STRIDE));
                }
            }
        }
        return results;
    }

    private Measurement measure(BenchContext context, Drains drains, Database database, int rate, Contender contender,
            long idBase) throws Exception {
        String workload = NAME + "-" + rate;
        String slot = Slots.name(workload, contender.id());
        SteadyWriter.Plan plan = new SteadyWriter.Plan(rate, seconds, warmupSeconds);
        try (Connection connection = database.connect()) {
            Slots.create(connection, slot);
            ChildArgs args = drains.args(contender, database, slot, TableShape.TYPICAL.table(), workload + "-" + contender.id(),
                    plan.totalChanges(), false).put("latency", true).put("skip", plan.warmupChanges()).build();
            ChildJvm.Running child = context.jvm().start(workload + "-" + contender.id(), List.of(), args);
            if (!child.awaitReady(READY_TIMEOUT)) {
                return drains.record(workload, contender, "events", child.awaitResult(Duration.ofSeconds(10)), false);
            }
            double written = new SteadyWriter(TableShape.TYPICAL, plan).run(connection, idBase);
            context.progress().printf(Locale.ROOT, "  %-14s wrote %,d changes in %.1f s (%,.0f/s)%n", workload,
                    plan.totalChanges(), written, plan.totalChanges() / written);
            Outcome outcome = child.awaitResult(Duration.ofMinutes(5));
            drains.cleanTopics(contender, args);
            return drains.record(workload, contender, "events", outcome, false);
        } finally {
            try (Connection connection = database.connect()) {
                Slots.drop(connection, slot);
            }
        }
    }
}
