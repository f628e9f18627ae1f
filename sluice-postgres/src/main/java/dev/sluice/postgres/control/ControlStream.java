package dev.sluice.postgres.control;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.catalog.TableCatalog;
import dev.sluice.postgres.incremental.ControlSchema;
import dev.sluice.postgres.incremental.IncrementalSnapshotter;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changes to the control-plane tables as the replication stream brings them, so each
 * takes effect exactly at its commit: a table added to {@code sluice.capture} is captured from
 * there (its function added it to the publication in the same transaction) and gets an
 * incremental snapshot; a removed one stops there; operation, column and topic changes apply to
 * the events after. {@code sluice.control} suspends Sluice after the transaction that asked;
 * {@code sluice.sink_connectors} changes go to the {@link ControlObserver}. Driven by the
 * replication stream's thread only.
 */
public final class ControlStream {

    private static final Logger LOG = LoggerFactory.getLogger(ControlStream.class);

    private final String slot;
    private final Connection catalog;
    private final Map<TableId, CapturedTable> captured;
    private final IncrementalSnapshotter snapshotter;
    private final ControlObserver observer;
    private final boolean snapshotAdded;
    private final Map<TableId, CaptureRule> rules = new LinkedHashMap<>();
    /** Suspension rows by slot ('*': every slot), as of the stream's position. */
    private final Map<String, Suspension> suspensions = new LinkedHashMap<>();
    private Suspension pending;
    private Suspension committed;

    /**
     * @param rules         the capture list as read at start
     * @param snapshotAdded read a table added to the list with an incremental snapshot
     */
    public ControlStream(String slot, Connection catalog, Map<TableId, CapturedTable> captured, IncrementalSnapshotter snapshotter,
            ControlObserver observer, List<CaptureRule> rules, boolean snapshotAdded) {
        this.slot = slot;
        this.catalog = catalog;
        this.captured = captured;
        this.snapshotter = snapshotter;
        this.observer = observer;
        this.snapshotAdded = snapshotAdded;
        rules.forEach(r -> this.rules.put(r.table(), r));
    }

    /** A change to {@code sluice.capture}, {@code sluice.control} or {@code sluice.sink_connectors}, inside its transaction. */
    public void onChange(ChangeEvent event, ChangeListener listener) {
        if (event.table().equals(ControlPlane.CAPTURE)) {
            onCapture(event, listener);
        } else if (event.table().equals(ControlPlane.CONTROL)) {
            onControl(event);
        } else if (event.table().equals(ControlPlane.CONNECTORS)) {
            onConnector(event);
        }
    }

    /** The transaction ended: a suspension it asked for takes effect. */
    public void onCommit(Lsn endLsn) {
        if (pending != null) {
            committed = pending;
            pending = null;
            LOG.info("suspending at {} as sluice.suspend() asked{}", endLsn, committed.dropSlot() ? " (and dropping the slot)" : "");
        }
    }

    /** The suspension that was committed; the stream stops once it is set. */
    public Suspension suspension() {
        return committed;
    }

    private void onCapture(ChangeEvent event, ChangeListener listener) {
        Row row = event.after() != null ? event.after() : event.before();
        TableId table = new TableId(column(event, row, "schema_name"), column(event, row, "table_name"));
        if (event.op() == Operation.DELETE) {
            rules.remove(table);
            captured.remove(table);
            listener.onCaptureRule(table, null);
            LOG.info("table {} removed from the capture list at {}: its changes are no longer captured", table, event.lsn());
        } else if (event.op() == Operation.CREATE || event.op() == Operation.UPDATE) {
            CaptureRule rule = ControlPlane.rule(table, column(event, row, "topic"),
                    TextArrays.parse(column(event, row, "operations")), TextArrays.parse(column(event, row, "columns")),
                    TextArrays.parse(column(event, row, "exclude_columns")));
            rules.put(table, rule);
            listener.onCaptureRule(table, rule);
            // An insert is an addition even when the list read at start holds the table: it was added while
            // Sluice was down, after the slot's position, so its rows before this commit were never published.
            if (event.op() == Operation.CREATE) {
                startCapturing(table, event.lsn());
            } else {
                LOG.info("capture of table {} changed at {}: {}", table, event.lsn(), rule);
            }
        } else {
            return;
        }
        observer.captureChanged(List.copyOf(rules.values()));
    }

    private void startCapturing(TableId table, Lsn lsn) {
        if (!captured.containsKey(table)) {
            try {
                captured.put(table, new TableCatalog(catalog, TableCatalog.CONTROL_PLANE_LIST).describe(table));
            } catch (FatalException e) {
                LOG.warn("table {} was added to the capture list at {} but cannot be captured: {}", table, lsn, e.getMessage());
                return;
            }
        }
        LOG.info("table {} added to the capture list at {}: its changes are captured from there{}", table, lsn,
                snapshotAdded ? ", and an incremental snapshot reads its existing rows" : "");
        if (snapshotAdded) {
            snapshotter.publicationChanged();
            snapshotter.schedule("added-" + table + "-" + lsn, table, null, "added");
        }
    }

    private void onControl(ChangeEvent event) {
        if (event.after() == null) {
            return;
        }
        String target = column(event, event.after(), "slot");
        boolean suspended = "t".equals(column(event, event.after(), "suspended"));
        suspensions.put(target, suspended ? new Suspension("t".equals(column(event, event.after(), "drop_slot"))) : null);
        Suspension effective = suspensions.containsKey(slot) ? suspensions.get(slot) : suspensions.get("*");
        if (target.equals(slot) || target.equals("*")) {
            pending = effective;
        }
    }

    private void onConnector(ChangeEvent event) {
        Row row = event.after() != null ? event.after() : event.before();
        String name = column(event, row, "name");
        if (event.op() == Operation.DELETE) {
            observer.connectorChanged(name, null);
        } else if (event.after() != null) {
            observer.connectorChanged(name, column(event, row, "config"));
        }
    }

    private static String column(ChangeEvent event, Row row, String name) {
        return ControlSchema.value(event, row, name);
    }
}
