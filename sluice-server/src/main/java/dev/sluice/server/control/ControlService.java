package dev.sluice.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The control plane's operations, one object behind three faces: the {@code sluice} SQL functions
 * do the work (so psql, the HTTP API and the CLI give the same answers and the same errors), and
 * the running Sluice sees their effect in the replication stream, at their commit.
 *
 * <p>Every method throws {@link ControlException} for a request that cannot be done (a bad
 * argument, a table that does not exist, a missing privilege, the database unreachable); nothing
 * is changed then. Thread-safe.
 */
public interface ControlService {

    /** What {@code sluice.status()} shows: Sluice's state and heartbeat, the slot, the publication, Kafka, connectors, the capture list. */
    JsonNode status();

    /** The capture list: one object per table (schema, table, topic, operations, columns, exclude_columns, remark, created_at, created_by). */
    JsonNode tables();

    /** Adds a table to the capture list; returns its entry. */
    JsonNode addTable(TableRequest request);

    /** Removes a table from the capture list; its changes stop at this commit. */
    void removeTable(String schema, String table);

    /** Captures one more column of a table; returns its entry. */
    JsonNode addColumn(String schema, String table, String column);

    /** Stops capturing a column of a table (never a key column); returns its entry. */
    JsonNode removeColumn(String schema, String table, String column);

    /** Stops streaming at this commit; the slot is kept unless {@code dropSlot}. */
    void suspend(boolean dropSlot);

    /** Streams again from where it was suspended (a new snapshot if the slot was dropped). */
    void resume();

    /** Requests an incremental snapshot of tables ({@code schema.table}), optionally of the rows matching {@code condition}; returns the request ids. */
    List<Long> snapshot(List<String> tables, String condition);

    /** {@code pause}, {@code resume} or {@code cancel} of the incremental snapshots. */
    long snapshotControl(String action);

    /** The sink connectors Sluice manages, with their configs and live states. */
    JsonNode connectors();

    /** Creates (or replaces) a sink connector from {@code config}; its {@code topics} follow the capture list. */
    JsonNode createConnector(String name, JsonNode config);

    /** Deletes a sink connector Sluice manages. */
    void deleteConnector(String name);

    /**
     * A table to capture.
     *
     * @param operations     any of insert, update, delete, truncate; null for all
     * @param columns        the columns to capture; null for all
     * @param excludeColumns the columns not to capture; null for none (not with {@code columns})
     * @param topic          its topic; null for the naming rule
     */
    record TableRequest(String schema, String table, List<String> operations, List<String> columns,
            List<String> excludeColumns, String topic, String remark) {
    }
}
