package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.child.ChildArgs;
import dev.sluice.bench.report.Measurement;
import dev.sluice.bench.run.ChildJvm;
import dev.sluice.bench.run.Outcome;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An incremental snapshot while the stream flows (issue 4): the snapshot workload's table, a
 * contender streaming it from a new slot without an initial snapshot, a steady writer on the same
 * table so that the stream never idles and the chunks' watermark windows see changes, and then a
 * request for a snapshot of the table, made as a user makes it: {@code SELECT sluice.snapshot(...)}.
 * Measured: the snapshot's reads acknowledged per second, from the first to the last.
 *
 * <p>The writer inserts new ids far above the table's (and updates and deletes some of them), so
 * the snapshot's last chunks also read the writer's rows still present when it reaches them: how
 * many rows it reads is known only at its end, which the contender learns from Sluice's snapshot
 * progress file (Debezium, when chosen, from its notification that the snapshot completed).
 */
public final class IncrementalWorkload implements Workload {

    static final List<Contender> CONTENDERS = List.of(Contender.SLUICE_DISCARD, Contender.SLUICE_KAFKA, Contender.DEBEZIUM_COUNT);

    /** Run unless others are chosen: Debezium's incremental snapshot takes longer than the time budget allows. */
    static final List<Contender> DEFAULT_CONTENDERS = List.of(Contender.SLUICE_DISCARD, Contender.SLUICE_KAFKA);

    /** Changes per second the writer holds while the snapshot runs. */
    static final int WRITER_RATE = 1_000;

    private static final String NAME = "incremental";
    private static final String DEBEZIUM_PUBLICATION = "bench_debezium";
    private static final String DEBEZIUM_SIGNAL_TABLE = "debezium_signal";
    private static final String DEBEZIUM_SIGNAL_TABLE_SQL = "CREATE TABLE " + DEBEZIUM_SIGNAL_TABLE
            + " (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))";
    private static final long WRITER_ID_BASE = 1_000_000_000L;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** The writer runs this long before the request, so that the snapshot starts into a flowing stream. */
    private static final long WRITER_LEAD_MILLIS = 2_000;

    private final int rows;

    public IncrementalWorkload(int rows) {
        this.rows = rows;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> parameters() {
        return List.of(String.format(Locale.ROOT, "incremental: %,d rows of `%s`, vacuumed and frozen; each contender"
                + " streams from a new slot without an initial snapshot; a writer holds %,d changes/s on the same table"
                + " (100 transactions/s, new ids, 50/30/20 inserts/updates/deletes) and after %d s a snapshot of the table"
                + " is requested; rows/s = snapshot reads (op r) acknowledged per second, first to last, the writer's"
                + " rows the snapshot reaches included; × limit over the snapshot workload's text COPY. Sluice:"
                + " `SELECT sluice.snapshot('{public.%s}', NULL, slot)`, snapshot defaults (chunks of %,d rows, no"
                + " throttle), done when its progress file shows the request taken and no job left. Debezium (only when"
                + " chosen): snapshot.mode=no_data, signal table `%s` in its own publication, an `execute-snapshot`"
                + " signal of type incremental, its defaults (chunks of 1,024 rows), done at its COMPLETED notification",
                rows, TableShape.TYPICAL.table(), WRITER_RATE, WRITER_LEAD_MILLIS / 1000, TableShape.TYPICAL.table(),
                SnapshotOptions.DEFAULT_INCREMENTAL_CHUNK_ROWS, DEBEZIUM_SIGNAL_TABLE));
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Contender> contenders = context.pick(CONTENDERS, DEFAULT_CONTENDERS);
        Drains drains = new Drains(context);
        List<Measurement> results = new ArrayList<>();
        try (Database database = Database.create(context.postgres(), NAME)) {
            long started = System.nanoTime();
            SnapshotWorkload.fill(database, rows);
            if (contenders.stream().anyMatch(c -> c.family() == Contender.Family.DEBEZIUM)) {
                // Debezium's own publication: Sluice sets the table list of the one it is given to what it captures.
                database.execute(DEBEZIUM_SIGNAL_TABLE_SQL, "CREATE PUBLICATION " + DEBEZIUM_PUBLICATION + " FOR TABLE "
                        + TableShape.TYPICAL.table() + ", " + DEBEZIUM_SIGNAL_TABLE);
            }
            context.progress().printf(Locale.ROOT, "  %-14s wrote %,d rows in %.1f s%n", NAME, rows, (System.nanoTime() - started) / 1e9);
            long run = 0;
            for (Contender contender : contenders) {
                run++;
                results.add(measure(context, drains, database, contender, run * WRITER_ID_BASE));
            }
        }
        return results;
    }

    private Measurement measure(BenchContext context, Drains drains, Database database, Contender contender, long idBase)
            throws Exception {
        String label = NAME + "-" + contender.id();
        String slot = Slots.name(NAME, contender.id());
        boolean debezium = contender.family() == Contender.Family.DEBEZIUM;
        ChildArgs.Builder builder = drains.args(contender, database, slot, TableShape.TYPICAL.table(), label, rows, false)
                .put("incremental", true);
        if (debezium) {
            builder.put("publication", DEBEZIUM_PUBLICATION).put("signalTable", "public." + DEBEZIUM_SIGNAL_TABLE);
        }
        ChildArgs args = builder.build();
        ChildJvm.Running child = context.jvm().start(label, List.of(), args);
        try (Connection connection = database.connect()) {
            if (!child.awaitReady(READY_TIMEOUT) || !Slots.awaitCreated(connection, slot, READY_TIMEOUT)) {
                return drains.record(NAME, contender, "rows", child.awaitResult(Duration.ofSeconds(10)), false);
            }
            Duration timeout = Drains.timeout(rows);
            SteadyWriter writer = new SteadyWriter(TableShape.TYPICAL,
                    new SteadyWriter.Plan(WRITER_RATE, (int) timeout.toSeconds() + 60, 0));
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<SteadyWriter.Written> writing = pool.submit(() -> {
                    try (Connection writes = database.connect()) {
                        return writer.runUntil(writes, idBase, stop::get);
                    }
                });
                TimeUnit.MILLISECONDS.sleep(WRITER_LEAD_MILLIS);
                String request = debezium ? signalSnapshot(connection) : requestSnapshot(connection, slot);
                Outcome outcome = child.awaitResult(timeout);
                stop.set(true);
                SteadyWriter.Written written = writtenBy(writing);
                context.progress().printf(Locale.ROOT, "  %-14s %s: snapshot %s; meanwhile the writer wrote %,d"
                        + " changes in %.1f s (%,.0f/s)%n", NAME, contender.id(), request, written.changes(),
                        written.seconds(), written.changes() / Math.max(written.seconds(), 1e-9));
                drains.cleanTopics(contender, args);
                return drains.record(NAME, contender, "rows", outcome, false);
            } finally {
                stop.set(true);
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        } finally {
            try (Connection connection = database.connect()) {
                Slots.drop(connection, slot);
            }
        }
    }

    /** As a user asks Sluice for it, for this contender's slot only; returns the request. */
    private static String requestSnapshot(Connection connection, String slot) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sluice.snapshot('{public." + TableShape.TYPICAL.table() + "}', NULL, ?)")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return "request " + rs.getLong(1);
            }
        }
    }

    /** As a user asks Debezium for it: a row in its signal table; returns the signal. */
    private static String signalSnapshot(Connection connection) throws Exception {
        String id = "bench-" + UUID.randomUUID();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + DEBEZIUM_SIGNAL_TABLE
                + " (id, type, data) VALUES (?, 'execute-snapshot', ?)")) {
            statement.setString(1, id);
            statement.setString(2, "{\"data-collections\": [\"public." + TableShape.TYPICAL.table() + "\"], \"type\": \"incremental\"}");
            statement.executeUpdate();
        }
        return "signal " + id;
    }

    private static SteadyWriter.Written writtenBy(Future<SteadyWriter.Written> writing) throws Exception {
        try {
            return writing.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
