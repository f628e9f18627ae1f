package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.report.Measurement;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catch-up throughput: every contender's slot is created first, then the whole change mix is
 * written, then each contender in turn drains its slot. All of them read the same changes from the
 * same position, so their rates compare directly. Debezium's contenders may drain only a
 * {@link DrainWindow window} of the stream, timed after their warm-up: the mix is written in small
 * blocks, so the window is the same work as the whole.
 */
public final class StreamWorkload implements Workload {

    /** Sluice into the discarding sink with the formats other than json (issue 6), to compare with {@code sluice-discard}. */
    static final List<Contender> ENCODERS = List.of(Contender.SLUICE_DISCARD_DEBEZIUM_JSON,
            Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS, Contender.SLUICE_DISCARD_AVRO);

    /**
     * Those of {@link #ENCODERS} run by default where formats are compared: debezium-json as its
     * defaults write it (the same bytes as Debezium's JSON converter) and avro. Each costs 15 to 25
     * seconds of the standard run, whose budget is 15 minutes; the others run when chosen.
     */
    static final List<Contender> DEFAULT_ENCODERS = List.of(Contender.SLUICE_DISCARD_DEBEZIUM_JSON, Contender.SLUICE_DISCARD_AVRO);

    /** In run order: the limit and Sluice seconds apart, so that their ratio holds on a machine whose load varies. */
    static final List<Contender> CONTENDERS = List.of(Contender.PG_RECVLOGICAL, Contender.PGJDBC_RAW,
            Contender.SLUICE_DISCARD, Contender.SLUICE_DISCARD_DEBEZIUM_JSON, Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS,
            Contender.SLUICE_DISCARD_AVRO, Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED,
            Contender.DEBEZIUM_KAFKA, Contender.DEBEZIUM_KAFKA_RAISED);

    private final String name;
    private final TableShape shape;
    private final ChangeMix mix;
    private final List<Contender> defaults;
    private final DrainWindow debeziumWindow;

    /**
     * {@code encoders}: whether the {@link #DEFAULT_ENCODERS} run by default; otherwise formats run
     * only when chosen. {@code debeziumWindow}: how much of the stream Debezium's contenders drain.
     */
    public StreamWorkload(String name, TableShape shape, ChangeMix mix, boolean encoders, DrainWindow debeziumWindow) {
        this.name = name;
        this.shape = shape;
        this.mix = mix;
        this.debeziumWindow = debeziumWindow;
        // pgjdbc-raw (the stream as a JVM receives it, for reference) runs only when chosen, within the time budget.
        this.defaults = CONTENDERS.stream().filter(c -> c != Contender.PGJDBC_RAW)
                .filter(c -> !ENCODERS.contains(c) || encoders && DEFAULT_ENCODERS.contains(c)).toList();
    }

    /** What runs when no contenders are chosen. */
    List<Contender> defaultContenders() {
        return defaults;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> parameters() {
        String parameters = String.format(Locale.ROOT, "%s: %,d changes to `%s` (%,d inserts, %,d updates, %,d deletes) in"
                + " transactions of %d rows, written before the drains in %,d blocks of the same mix (each inserts new ids,"
                + " updates its first ids and deletes its last); each contender drains its own slot",
                name, mix.total(), shape.table(), mix.inserts(), mix.updates(), mix.deletes(), mix.transactionRows(), mix.blocks());
        if (!debeziumWindow.whole(mix.total())) {
            parameters += String.format(Locale.ROOT, "; Debezium's contenders %s (Debezium speeds up over its first few"
                    + " hundred thousand changes: in full drains timed at every 50,000, each variant drained this stretch"
                    + " faster than the whole; the rest would cost minutes), the others drain every event",
                    debeziumWindow.describe("changes"));
        }
        return List.of(parameters);
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, defaults);
        Drains drains = new Drains(context);
        List<Measurement> results = new ArrayList<>();
        try (Database database = Database.create(context.postgres(), name)) {
            database.execute(shape.createSql());
            try (Connection connection = database.connect()) {
                Slots.createPublication(connection, shape.table());
                for (Contender contender : contenders) {
                    Slots.create(connection, Slots.name(name, contender.id()));
                }
            }
            long started = System.nanoTime();
            String endLsn = new ChangeWriter(database, shape).write(mix);
            database.execute("CHECKPOINT");
            context.progress().printf(Locale.ROOT, "  %-14s wrote %,d changes in %.1f s (end position %s)%n", name,
                    mix.total(), (System.nanoTime() - started) / 1e9, endLsn);
            for (Contender contender : contenders) {
                String slot = Slots.name(name, contender.id());
                if (contender == Contender.PG_RECVLOGICAL) {
                    results.add(drains.recvlogical(name, database, slot, endLsn, mix.total()));
                } else {
                    ChildArgs args = drains.args(contender, database, slot, shape.table(), name + "-" + contender.id(),
                            mix.total(), debeziumWindow, false).build();
                    results.add(drains.jvm(name, contender, args, List.of(), "events", false));
                }
                try (Connection connection = database.connect()) {
                    Slots.drop(connection, slot);
                }
            }
        }
        return results;
    }
}
