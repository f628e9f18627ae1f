package dev.sluice.core.event;

/**
 * A table's columns changed in the stream ({@code ALTER TABLE} seen as a new definition of the
 * table whose columns differ from the one before).
 *
 * @param before           the columns before the change; null when the source had not seen the
 *                         table's definition before in this stream (its first definition), which a
 *                         listener compares with what it knows (e.g. the snapshot's rows)
 * @param after            the columns from now on
 * @param lsn              the commit position of the first transaction that wrote the table with the new columns
 * @param txId             that transaction's id
 * @param commitTimeMicros its commit time, microseconds since the Unix epoch
 */
public record SchemaChange(RowSchema before, RowSchema after, Lsn lsn, long txId, long commitTimeMicros) {

    public TableId table() {
        return after.table();
    }
}
