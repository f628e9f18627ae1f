package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.report.Measurement;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The initial snapshot of one table: COPY's text and binary forms as the limit, then Debezium and
 * Sluice each creating their own slot and reading the table from its exported snapshot. The table
 * is vacuumed and frozen before anyone reads it, so that no contender pays for setting hint bits
 * on behalf of the next.
 */
public final class SnapshotWorkload implements Workload {

    /** In run order: the limit and Sluice seconds apart, so that their ratio holds on a machine whose load varies. */
    static final List<Contender> CONTENDERS = List.of(Contender.COPY_TEXT, Contender.COPY_BINARY,
            Contender.SLUICE_DISCARD, Contender.SLUICE_DISCARD_DEBEZIUM_JSON, Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS,
            Contender.SLUICE_DISCARD_AVRO, Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED,
            Contender.DEBEZIUM_KAFKA, Contender.DEBEZIUM_KAFKA_RAISED);

    /** Run unless others are chosen: the encoders other than json only when chosen, within the time budget. */
    static final List<Contender> DEFAULT_CONTENDERS = CONTENDERS.stream().filter(c -> !StreamWorkload.ENCODERS.contains(c)).toList();

    /** The pair the snapshot target compares: run in rounds when there are several. */
    static final List<Contender> REPEATED = List.of(Contender.COPY_TEXT, Contender.SLUICE_DISCARD);

    private static final int FILL_ROWS_PER_STATEMENT = 250_000;
    private static final String NAME = "snapshot";

    private final int rows;
    private final DrainWindow debeziumWindow;
    private final int rounds;

    /**
     * {@code debeziumWindow}: how much of the table Debezium's contenders read. Text COPY and Sluice
     * into the discarding sink run {@code rounds} times, alternating, each reported by its median
     * round: a snapshot takes seconds, and one slow second on a shared machine would otherwise decide
     * the ratio.
     */
    public SnapshotWorkload(int rows, DrainWindow debeziumWindow, int rounds) {
        this.rows = rows;
        this.debeziumWindow = debeziumWindow;
        this.rounds = Math.max(1, rounds);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> parameters() {
        String debezium = debeziumWindow.whole(rows) ? "" : String.format(Locale.ROOT, "; Debezium's contenders %s"
                + " (Debezium speeds up over its first few hundred thousand rows, its raised variants most: in full reads"
                + " timed at every 50,000, each variant read this stretch within 2%% of its whole-table rate or faster;"
                + " the rest would cost minutes), the others read every row", debeziumWindow.describe("rows"));
        String repeated = rounds == 1 ? "" : String.format(Locale.ROOT, "; copy-text and sluice-discard run %d times,"
                + " alternating, each reported by its median run (all runs in the log)", rounds);
        return List.of(String.format(Locale.ROOT, "snapshot: %,d rows of `%s`, vacuumed and frozen; limit = one COPY"
                + " (text, binary); Debezium snapshot.mode=initial, Sluice snapshot-mode initial, each on a new slot%s%s",
                rows, TableShape.TYPICAL.table(), debezium, repeated));
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, DEFAULT_CONTENDERS);
        Drains drains = new Drains(context);
        List<Measurement> results = new ArrayList<>();
        try (Database database = Database.create(context.postgres(), NAME)) {
            long started = System.nanoTime();
            fill(database, rows);
            context.progress().printf(Locale.ROOT, "  %-14s wrote %,d rows in %.1f s%n", NAME, rows, (System.nanoTime() - started) / 1e9);
            List<Contender> repeated = contenders.stream().filter(REPEATED::contains).toList();
            Map<Contender, List<Measurement>> runs = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Contender contender : repeated) {
                    runs.computeIfAbsent(contender, c -> new ArrayList<>()).add(measure(drains, database, contender));
                }
            }
            runs.forEach((contender, measured) -> results.add(median(context, contender, measured)));
            for (Contender contender : contenders) {
                if (!repeated.contains(contender)) {
                    results.add(measure(drains, database, contender));
                }
            }
        }
        return results;
    }

    private Measurement measure(Drains drains, Database database, Contender contender) throws Exception {
        String slot = Slots.name(NAME, contender.id());
        ChildArgs args = drains.args(contender, database, slot, TableShape.TYPICAL.table(), NAME + "-" + contender.id(),
                rows, debeziumWindow, true).build();
        Measurement measured = drains.jvm(NAME, contender, args, List.of(), "rows", false);
        if (contender.family() != Contender.Family.LIMIT) {
            try (Connection connection = database.connect()) {
                Slots.drop(connection, slot);
            }
        }
        return measured;
    }

    /** The median run by rate; a failed run, if any, so that the failure shows. */
    private static Measurement median(BenchContext context, Contender contender, List<Measurement> measured) {
        if (measured.size() == 1) {
            return measured.get(0);
        }
        for (Measurement m : measured) {
            if (!m.done()) {
                return m;
            }
        }
        List<Measurement> byRate = measured.stream().sorted(Comparator.comparingDouble(Measurement::rate)).toList();
        Measurement median = byRate.get(byRate.size() / 2);
        context.progress().printf(Locale.ROOT, "  %-14s %-38s median of %d runs: %,.0f/s (runs: %s)%n", NAME, contender.id(),
                measured.size(), median.rate(), measured.stream().map(m -> String.format(Locale.ROOT, "%,.0f", m.rate()))
                        .collect(Collectors.joining(", ")));
        return median;
    }

    /** Creates {@code bench_typical} with {@code rows} rows and its publication, vacuumed, frozen and checkpointed. */
    static void fill(Database database, int rows) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(TableShape.TYPICAL.createSql());
            Slots.createPublication(connection, TableShape.TYPICAL.table());
            try (var insert = connection.prepareStatement(TableShape.TYPICAL.insertRangeSql())) {
                for (long[] range : ranges(1, rows, FILL_ROWS_PER_STATEMENT)) {
                    insert.setLong(1, range[0]);
                    insert.setLong(2, range[1]);
                    insert.executeUpdate();
                }
            }
            statement.execute("VACUUM (FREEZE, ANALYZE) " + TableShape.TYPICAL.table());
            statement.execute("CHECKPOINT");
        }
    }

    /** {@code first..last} in pieces of {@code size} ids, the last one shorter if need be. */
    static List<long[]> ranges(long first, long last, int size) {
        List<long[]> ranges = new ArrayList<>();
        for (long from = first; from <= last; from += size) {
            ranges.add(new long[] {from, Math.min(last, from + size - 1)});
        }
        return ranges;
    }
}
