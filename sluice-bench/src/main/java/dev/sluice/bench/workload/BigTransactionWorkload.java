package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.report.Measurement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One transaction of many rows, streamed by JVMs limited to a 256 MB heap: a contender that
 * buffers a transaction's rows runs out of heap; one that forwards them as they come stays flat.
 * Reports peak heap (in use and after collections) and peak RSS next to the throughput.
 */
public final class BigTransactionWorkload implements Workload {

    /** In run order: the limit and Sluice first, Debezium's long runs after. */
    static final List<Contender> CONTENDERS = List.of(Contender.PG_RECVLOGICAL, Contender.SLUICE_DISCARD,
            Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED, Contender.DEBEZIUM_KAFKA,
            Contender.DEBEZIUM_KAFKA_RAISED);
    static final String MAX_HEAP = "-Xmx256m";

    /** Run unless others are chosen: what the issue asks of this workload, within the time budget. */
    static final List<Contender> DEFAULT_CONTENDERS = List.of(Contender.PG_RECVLOGICAL, Contender.SLUICE_DISCARD,
            Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT);

    private static final String NAME = "bigtx";

    private final int rows;
    private final DrainWindow debeziumWindow;

    /** {@code debeziumWindow}: how much of the transaction Debezium's contenders read. */
    public BigTransactionWorkload(int rows, DrainWindow debeziumWindow) {
        this.rows = rows;
        this.debeziumWindow = debeziumWindow;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> parameters() {
        String parameters = String.format(Locale.ROOT, "bigtx: one transaction inserting %,d rows into `%s`; every JVM"
                + " contender runs with %s; the server decodes the whole transaction before sending its first row",
                rows, TableShape.TYPICAL.table(), MAX_HEAP);
        if (!debeziumWindow.whole(rows)) {
            parameters += String.format(Locale.ROOT, "; Debezium's contenders %s (in a full read timed at every 50,000"
                    + " events, its heap peaked by event 300,000 and stayed flat to the end, and it drained this stretch"
                    + " faster than the whole; the rest would cost a minute or more), the others drain every event",
                    debeziumWindow.describe("events"));
        }
        return List.of(parameters);
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, DEFAULT_CONTENDERS);
        Drains drains = new Drains(context);
        List<Measurement> results = new ArrayList<>();
        try (Database database = Database.create(context.postgres(), NAME)) {
            String endLsn;
            try (Connection connection = database.connect()) {
                database.execute(TableShape.TYPICAL.createSql());
                Slots.createPublication(connection, TableShape.TYPICAL.table());
                for (Contender contender : contenders) {
                    Slots.create(connection, Slots.name(NAME, contender.id()));
                }
                long started = System.nanoTime();
                endLsn = writeOneTransaction(connection);
                database.execute("CHECKPOINT");
                context.progress().printf(Locale.ROOT, "  %-14s wrote one transaction of %,d rows in %.1f s (end position %s)%n",
                        NAME, rows, (System.nanoTime() - started) / 1e9, endLsn);
            }
            for (Contender contender : contenders) {
                String slot = Slots.name(NAME, contender.id());
                if (contender == Contender.PG_RECVLOGICAL) {
                    results.add(drains.recvlogical(NAME, database, slot, endLsn, rows));
                } else {
                    ChildArgs args = drains.args(contender, database, slot, TableShape.TYPICAL.table(), NAME + "-" + contender.id(),
                            rows, debeziumWindow, false).build();
                    results.add(drains.jvm(NAME, contender, args, List.of(MAX_HEAP), "events", true));
                }
                try (Connection connection = database.connect()) {
                    Slots.drop(connection, slot);
                }
            }
        }
        return results;
    }

    private String writeOneTransaction(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(TableShape.TYPICAL.insertRangeSql())) {
            insert.setLong(1, 1);
            insert.setLong(2, rows);
            insert.executeUpdate();
        }
        String end = ChangeWriter.insertPosition(connection);
        connection.commit();
        connection.setAutoCommit(true);
        return end;
    }
}
