package dev.sluice.postgres.replication;

import dev.sluice.core.event.Lsn;

/**
 * A replication slot as {@code pg_replication_slots} shows it.
 *
 * @param activePid the backend streaming from it, 0 when inactive
 * @param walStatus {@code reserved}, {@code extended}, {@code unreserved}, {@code lost}, or empty before PostgreSQL 13
 */
public record SlotStatus(String name, String plugin, String database, boolean active, int activePid,
        Lsn confirmedFlush, String walStatus) {

    public boolean lost() {
        return "lost".equals(walStatus);
    }
}
