package dev.sluice.postgres;

import dev.sluice.core.event.TableId;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import java.time.Duration;
import java.util.List;

/**
 * What the PostgreSQL source needs to know, validated before it is built.
 *
 * @param url           JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param tables        tables to capture; empty means every table of {@code schemas}
 * @param snapshot      take an initial snapshot when the slot is created
 * @param heartbeatInterval how often the slot's position is advanced while nothing is captured
 * @param statusInterval how often progress is reported to the server
 * @param snapshots     how initial and incremental snapshots are read
 * @param viaPartitionRoot capture partitioned tables through their roots (one topic each, PostgreSQL
 *                      13 or later) rather than as their leaf partitions
 */
public record PostgresSourceConfig(
        String url,
        String user,
        String password,
        String slot,
        String publication,
        List<TableId> tables,
        List<String> schemas,
        boolean allowUnkeyed,
        boolean snapshot,
        Duration heartbeatInterval,
        Duration statusInterval,
        SnapshotOptions snapshots,
        boolean viaPartitionRoot) {

    /** With the default snapshot options and snapshot progress kept in memory only (not resumable). */
    public PostgresSourceConfig(String url, String user, String password, String slot, String publication,
            List<TableId> tables, List<String> schemas, boolean allowUnkeyed, boolean snapshot,
            Duration heartbeatInterval, Duration statusInterval) {
        this(url, user, password, slot, publication, tables, schemas, allowUnkeyed, snapshot, heartbeatInterval,
                statusInterval, SnapshotOptions.defaults(null), false);
    }

    /** The publication for unkeyed tables without {@code REPLICA IDENTITY FULL}: inserts and truncates only. */
    public String insertOnlyPublication() {
        return publication + "_inserts";
    }
}
