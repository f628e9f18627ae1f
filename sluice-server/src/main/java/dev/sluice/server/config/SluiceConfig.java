package dev.sluice.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validated, immutable configuration of one Sluice process. Built once at start from the
 * declared settings (defaults, then the YAML file, then {@code SLUICE_*} environment variables,
 * then command-line flags) and never changed afterwards.
 *
 * @param databaseUrl        JDBC URL of the source database, {@code jdbc:postgresql://host:port/db}
 * @param user               database user (needs REPLICATION or superuser, and SELECT on captured tables)
 * @param password           its password, may be null
 * @param slot               logical replication slot name
 * @param publication        publication name
 * @param tables             tables to capture ({@code schema.table}); empty means every table of {@code schemas}
 * @param schemas            schemas whose tables are captured when {@code tables} is empty
 * @param topicPrefix        topic prefix; null means the database name
 * @param topicOverrides     {@code schema.table} → topic
 * @param allowUnkeyed       capture tables without primary key or replica identity index
 * @param tombstones         follow every delete with a tombstone
 * @param kafkaBootstrapServers Kafka brokers; null means write JSON lines to {@code output} or stdout
 * @param kafkaProperties    producer properties passed through as given
 * @param topicPartitions    partitions of topics Sluice creates
 * @param topicReplicationFactor replication factor of topics Sluice creates (-1: the broker's default)
 * @param output             JSON-lines file when there is no Kafka; null means stdout
 * @param stateDir           directory of Sluice's local state file
 * @param snapshotMode       {@code initial} or {@code never}
 * @param heartbeatInterval  how often an idle slot's position is advanced
 * @param statusInterval     how often progress is reported to the server
 * @param maxInFlight        records handed to the sink and not yet acknowledged, at most
 * @param retryInitialBackoff first wait after a transient fault
 * @param retryMaxBackoff    longest wait between retries
 * @param format             the output format and its options
 * @param snapshots          how snapshots are read
 * @param control            the HTTP admin API and the Kafka Connect cluster
 */
public record SluiceConfig(
        String databaseUrl,
        String user,
        String password,
        String slot,
        String publication,
        List<String> tables,
        List<String> schemas,
        String topicPrefix,
        Map<String, String> topicOverrides,
        boolean allowUnkeyed,
        boolean tombstones,
        String kafkaBootstrapServers,
        Map<String, String> kafkaProperties,
        int topicPartitions,
        short topicReplicationFactor,
        Path output,
        Path stateDir,
        SnapshotMode snapshotMode,
        Duration heartbeatInterval,
        Duration statusInterval,
        int maxInFlight,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        FormatConfig format,
        SnapshotConfig snapshots,
        ControlConfig control) {

    /** Without HTTP API or Connect cluster. */
    public SluiceConfig(String databaseUrl, String user, String password, String slot, String publication, List<String> tables,
            List<String> schemas, String topicPrefix, Map<String, String> topicOverrides, boolean allowUnkeyed, boolean tombstones,
            String kafkaBootstrapServers, Map<String, String> kafkaProperties, int topicPartitions, short topicReplicationFactor,
            Path output, Path stateDir, SnapshotMode snapshotMode, Duration heartbeatInterval, Duration statusInterval,
            int maxInFlight, Duration retryInitialBackoff, Duration retryMaxBackoff, FormatConfig format, SnapshotConfig snapshots) {
        this(databaseUrl, user, password, slot, publication, tables, schemas, topicPrefix, topicOverrides, allowUnkeyed, tombstones,
                kafkaBootstrapServers, kafkaProperties, topicPartitions, topicReplicationFactor, output, stateDir, snapshotMode,
                heartbeatInterval, statusInterval, maxInFlight, retryInitialBackoff, retryMaxBackoff, format, snapshots,
                ControlConfig.NONE);
    }

    /** This configuration with other control-plane settings. */
    public SluiceConfig withControl(ControlConfig other) {
        return new SluiceConfig(databaseUrl, user, password, slot, publication, tables, schemas, topicPrefix, topicOverrides,
                allowUnkeyed, tombstones, kafkaBootstrapServers, kafkaProperties, topicPartitions, topicReplicationFactor, output,
                stateDir, snapshotMode, heartbeatInterval, statusInterval, maxInFlight, retryInitialBackoff, retryMaxBackoff, format,
                snapshots, other);
    }

    /** With the snapshot settings' defaults. */
    public SluiceConfig(String databaseUrl, String user, String password, String slot, String publication, List<String> tables,
            List<String> schemas, String topicPrefix, Map<String, String> topicOverrides, boolean allowUnkeyed, boolean tombstones,
            String kafkaBootstrapServers, Map<String, String> kafkaProperties, int topicPartitions, short topicReplicationFactor,
            Path output, Path stateDir, SnapshotMode snapshotMode, Duration heartbeatInterval, Duration statusInterval,
            int maxInFlight, Duration retryInitialBackoff, Duration retryMaxBackoff, FormatConfig format) {
        this(databaseUrl, user, password, slot, publication, tables, schemas, topicPrefix, topicOverrides, allowUnkeyed, tombstones,
                kafkaBootstrapServers, kafkaProperties, topicPartitions, topicReplicationFactor, output, stateDir, snapshotMode,
                heartbeatInterval, statusInterval, maxInFlight, retryInitialBackoff, retryMaxBackoff, format, SnapshotConfig.DEFAULTS);
    }

    /** Like the record's own, but the password is never printed. */
    @Override
    public String toString() {
        return "SluiceConfig[databaseUrl=" + databaseUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", slot=" + slot + ", publication=" + publication + ", tables=" + tables + ", schemas=" + schemas
                + ", topicPrefix=" + topicPrefix + ", kafkaBootstrapServers=" + kafkaBootstrapServers
                + ", output=" + output + ", stateDir=" + stateDir + ", snapshotMode=" + snapshotMode + ", format=" + format + ", control=" + control + "]";
    }

    /** When the initial snapshot is taken. */
    public enum SnapshotMode {
        /** On first start (no slot yet, or the previous snapshot did not finish). */
        INITIAL,
        /** Never: stream from the slot's consistent point only. */
        NEVER
    }
}
