package dev.sluice.core.spi;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.SchemaChange;

/**
 * Receives a source's changes in commit order. Called from the source's thread only (except for
 * the {@link ChangePreparer}s it hands out).
 * {@link #onChange} may block while the sink is behind (backpressure); while it waits it calls the
 * source's {@link Source#keepAlive()} so that the source keeps its connection alive.
 */
public interface ChangeListener {

    /** A transaction (or a snapshot) starts; the changes that follow belong to it. */
    void onBegin();

    void onChange(ChangeEvent event);

    /**
     * The events of {@code batch}, in order, exactly as if each were passed to {@link #onChange}.
     * A batch from this listener's {@link #preparer()} may arrive here with their work done.
     */
    default void onChanges(ChangeBatch batch) {
        for (ChangeEvent event : batch.events()) {
            onChange(event);
        }
    }

    /**
     * A preparer for one of the source's reading threads; called on the source's thread, the
     * preparer then used on the reading thread only. The default prepares nothing.
     */
    default ChangePreparer preparer() {
        return ChangeBatch::new;
    }

    /**
     * The transaction ends. Once all of its changes are acknowledged, {@code confirmLsn} may be
     * confirmed to the source. A snapshot ends with {@link dev.sluice.core.event.Lsn#ZERO}: it
     * confirms nothing by itself.
     */
    void onCommit(Lsn confirmLsn);

    /**
     * A table's columns differ from its previous definition in this stream, or the stream defines
     * the table for the first time ({@link SchemaChange#before()} null); called inside the
     * transaction, before the first change that has these columns. Ignored by default.
     */
    default void onSchemaChange(SchemaChange change) {
    }

    /**
     * The source learned that {@code count} more changes of {@code table} were made that it cannot
     * capture (updates and deletes of a table without key or {@code REPLICA IDENTITY FULL}); they
     * are counted, not emitted. Ignored by default.
     */
    default void onSkipped(dev.sluice.core.event.TableId table, long count) {
    }

    /**
     * From this point of the stream on, {@code table} is captured by {@code rule} (operations,
     * columns, topic), or, when {@code rule} is null, not at all. Sent by a source whose capture
     * list lives in the database, at the commit that changed it. Ignored by default.
     */
    default void onCaptureRule(dev.sluice.core.event.TableId table, dev.sluice.core.transform.CaptureRule rule) {
    }
}
