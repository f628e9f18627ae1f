package dev.sluice.core.spi;

import dev.sluice.core.event.Lsn;

/**
 * What Sluice keeps between runs for one source, beside what the source itself stores (the
 * replication slot keeps the confirmed position on the server).
 *
 * @param slot              the replication slot this state belongs to
 * @param consistentPoint   the position at which the slot was created (the snapshot's point)
 * @param snapshotComplete  true once every row of the initial snapshot was acknowledged by the sink
 * @param confirmed         the last position confirmed to the source
 */
public record SourcePosition(String slot, Lsn consistentPoint, boolean snapshotComplete, Lsn confirmed) {

    public SourcePosition withConfirmed(Lsn lsn) {
        return new SourcePosition(slot, consistentPoint, snapshotComplete, lsn);
    }

    public SourcePosition withSnapshotComplete() {
        return new SourcePosition(slot, consistentPoint, true, confirmed);
    }
}
