package dev.sluice.postgres.pgoutput;

import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Row;
import java.util.List;

/**
 * The messages of PostgreSQL's {@code pgoutput} logical replication protocol, version 1, as
 * documented in "Logical Replication Message Formats". Timestamps are converted to microseconds
 * since the Unix epoch.
 */
public sealed interface PgOutputMessage {

    /** A transaction starts; {@code finalLsn} is the position of its commit record. */
    record Begin(Lsn finalLsn, long commitTimeMicros, long xid) implements PgOutputMessage {
    }

    /**
     * A transaction ends. {@code endLsn} is the position just after the commit record: confirming
     * it tells the server that this transaction was processed.
     */
    record Commit(Lsn commitLsn, Lsn endLsn, long commitTimeMicros) implements PgOutputMessage {
    }

    /** The definition of a table, sent before its first change in a session and after each change to it. */
    record Relation(int oid, String namespace, String name, char replicaIdentity, List<RelationColumn> columns)
            implements PgOutputMessage {
    }

    /** One column of a {@link Relation}; {@code key} is set for the replica identity's columns. */
    record RelationColumn(String name, int typeOid, int typeModifier, boolean key) {
    }

    /** A data type not built into PostgreSQL, sent before a relation that uses it. */
    record Type(int oid, String namespace, String name) implements PgOutputMessage {
    }

    record Insert(int relationOid, Row newRow) implements PgOutputMessage {
    }

    /**
     * {@code oldRow} is null unless the server sent it: a key-only row ({@code oldKind} {@code 'K'})
     * when the key changed, or the whole old row ({@code 'O'}) under {@code REPLICA IDENTITY FULL}.
     */
    record Update(int relationOid, char oldKind, Row oldRow, Row newRow) implements PgOutputMessage {
    }

    record Delete(int relationOid, char oldKind, Row oldRow) implements PgOutputMessage {
    }

    record Truncate(int[] relationOids, boolean cascade, boolean restartIdentity) implements PgOutputMessage {
    }

    record Origin(Lsn commitLsn, String name) implements PgOutputMessage {
    }

    record LogicalMessage(boolean transactional, Lsn lsn, String prefix, byte[] content) implements PgOutputMessage {
    }
}
