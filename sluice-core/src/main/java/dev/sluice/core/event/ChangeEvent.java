package dev.sluice.core.event;

/**
 * One change to one row (or one truncate of a table), in commit order.
 *
 * @param op        what happened
 * @param schema    the table's columns when the change was made
 * @param before    the old row for updates and deletes when the source has it (the old key at
 *                  least, the whole row under {@code REPLICA IDENTITY FULL}); null otherwise
 * @param after     the new row for creates, updates and reads; null for deletes and truncates
 * @param lsn       the commit's position in the WAL (the snapshot's consistent point for reads)
 * @param txId      the transaction id, 0 if unknown
 * @param commitTimeMicros the commit time, microseconds since the Unix epoch
 * @param snapshot  true for rows read by a snapshot
 */
public record ChangeEvent(
        Operation op,
        RowSchema schema,
        Row before,
        Row after,
        Lsn lsn,
        long txId,
        long commitTimeMicros,
        boolean snapshot) {

    public TableId table() {
        return schema.table();
    }

    /** The row that carries the key: the new row if there is one, else the old one. */
    public Row keyRow() {
        return after != null ? after : before;
    }
}
