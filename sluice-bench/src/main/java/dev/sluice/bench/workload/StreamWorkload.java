package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.report.Measurement;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catch-up throughput: every contender's slot is created first, then the whole change mix is
 * written, then each contender in turn drains its slot. All of them read the same changes from the
 * same position, so their rates compare directly.
 */
public final class StreamWorkload implements Workload {

    /** In run order: the limit and Sluice seconds apart, so that their ratio holds on a machine whose load varies. */
    static final List<Contender> CONTENDERS = List.of(Contender.PG_RECVLOGICAL, Contender.PGJDBC_RAW,
            Contender.SLUICE_DISCARD, Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED,
            Contender.DEBEZIUM_KAFKA, Contender.DEBEZIUM_KAFKA_RAISED);

    private final String name;
    private final TableShape shape;
    private final ChangeMix mix;

    public StreamWorkload(String name, TableShape shape, ChangeMix mix) {
        this.name = name;
        this.shape = shape;
        this.mix = mix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> parameters() {
        return List.of(String.format(Locale.ROOT, "%s: %,d changes to `%s` (%,d inserts, %,d updates, %,d deletes) in"
                + " transactions of %d rows, written before the drains; each contender drains its own slot",
                name, mix.total(), shape.table(), mix.inserts(), mix.updates(), mix.deletes(), mix.transactionRows()));
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, CONTENDERS);
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
                    results.add(drains.jvm(name, contender, drains.args(contender, database, slot, shape.table(),
                            name + "-" + contender.id(), mix.total(), false).build(), List.of(), "events", false));
                }
                try (Connection connection = database.connect()) {
                    Slots.drop(connection, slot);
                }
            }
        }
        return results;
    }
}
