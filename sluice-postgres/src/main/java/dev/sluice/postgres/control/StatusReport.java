package dev.sluice.postgres.control;

import java.time.Duration;
import java.time.Instant;

/**
 * What a running Sluice writes into {@code sluice.status} on each heartbeat.
 *
 * @param state          starting, snapshotting, streaming, suspended, retrying or stopped
 * @param confirmedLsn   the slot position Sluice confirmed last; null if none yet
 * @param kafka          "reachable", or what is wrong with the sink
 * @param connectorsJson the managed connectors' states, a JSON array; null when none are managed
 * @param snapshotsJson  snapshot progress, a JSON object; null when none runs
 * @param error          the last fault retried, or null
 */
public record StatusReport(String slot, String state, String publication, long pid, String host, String version, String http,
        Instant startedAt, Duration heartbeatInterval, String confirmedLsn, String kafka, String connectorsJson,
        String snapshotsJson, String error) {
}
