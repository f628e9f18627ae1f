package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.catalog.RowSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the captured tables as of a slot's exported snapshot, with {@code COPY ... TO STDOUT},
 * and hands every row to the listener as a {@code READ} event at the slot's consistent point. With
 * the stream starting at that same point, nothing is missed and nothing is read twice.
 */
public final class SnapshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    /** How often (in rows, minus one) a long COPY checks whether Sluice is stopping. */
    private static final long STOP_CHECK_MASK = 1023;

    private final PgConnector connector;
    private final RowSchemas schemas;

    public SnapshotReader(PgConnector connector, RowSchemas schemas) {
        this.connector = connector;
        this.schemas = schemas;
    }

    /** Reads every table; returns the number of rows. The caller keeps the exporting connection idle meanwhile. */
    public long read(String snapshotName, Lsn consistentPoint, List<CapturedTable> tables, ChangeListener listener,
            BooleanSupplier running) {
        long total = 0;
        try (Connection connection = connector.open()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'");
            }
            listener.onBegin();
            for (CapturedTable table : tables) {
                if (!running.getAsBoolean()) {
                    break;
                }
                total += readTable(connection, table, consistentPoint, listener, running);
            }
            listener.onCommit(Lsn.ZERO);
            connection.rollback();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "snapshot failed");
        }
        return total;
    }

    private long readTable(Connection connection, CapturedTable table, Lsn consistentPoint, ChangeListener listener,
            BooleanSupplier running) throws SQLException {
        long started = System.nanoTime();
        RowSchema schema = schemas.fromCatalog(table.id(), table.oid());
        String columns = schema.columns().stream()
                .map(c -> dev.sluice.core.event.QualifiedName.quote(c.name()))
                .collect(Collectors.joining(", "));
        String sql = "COPY (SELECT " + columns + " FROM " + table.id().quoted() + ") TO STDOUT";
        CopyTextParser parser = new CopyTextParser();
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        long rows = 0;
        byte[] line;
        while ((line = copy.readFromCopy()) != null) {
            Row row = new Row(parser.parse(line, line.length, schema.size()));
            listener.onChange(new ChangeEvent(Operation.READ, schema, null, row, consistentPoint, 0, 0, true));
            rows++;
            if ((rows & STOP_CHECK_MASK) == 0 && !running.getAsBoolean()) {
                copy.cancelCopy();
                LOG.info("snapshot of {} stopped after {} rows", table.id(), rows);
                return rows;
            }
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        LOG.info("snapshot of {} done: {} rows in {} ms ({} rows/s)", table.id(), rows, millis, rows * 1000 / millis);
        return rows;
    }
}
