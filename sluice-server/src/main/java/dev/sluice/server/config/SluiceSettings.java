package dev.sluice.server.config;

import dev.sluice.core.config.InvalidValueException;
import dev.sluice.core.config.Setting;
import dev.sluice.core.config.SettingCatalog;
import dev.sluice.core.config.SettingType;
import dev.sluice.core.event.TableId;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.formats.Format;
import dev.sluice.formats.debezium.DecimalHandling;
import dev.sluice.formats.debezium.TimePrecision;
import dev.sluice.formats.registry.RegistryFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of {@code sluice run}, declared once: the YAML keys, the {@code --flags}, the
 * {@code SLUICE_*} environment variables, the help text and the README's configuration reference
 * are all generated from these declarations. One constant per component of {@link SluiceConfig}
 * (and of its {@link FormatConfig});
 * {@link SluiceConfigLoader} turns resolved values into that record.
 */
public final class SluiceSettings {

    /** Tables are named {@code schema.table}; a bare name is in this schema. */
    public static final String DEFAULT_SCHEMA = "public";

    private static final String DATABASE = "Database";
    private static final String CAPTURE = "Capture";
    private static final String TOPIC = "Topic";
    private static final String SINK = "Output";
    private static final String FORMAT_GROUP = "Format";
    private static final String RUNTIME = "Runtime";
    private static final String SNAPSHOTS = "Snapshots";
    private static final String CONTROL = "Control";

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern HOST_PORT = Pattern.compile("([^\\s:,\\[\\]]+|\\[[0-9a-fA-F:.]+]):(\\d{1,5})");
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final String TOPIC_RULE = "use letters, digits, '.', '_' and '-', at most 249 characters";

    public static final Setting<String> DATABASE_URL = Setting.builder("database-url", SettingType.string())
            .group(DATABASE).required()
            .description("JDBC URL of the database to capture, jdbc:postgresql://host:5432/dbname "
                    + "(driver parameters such as ?sslmode=require may follow).")
            .validation(SluiceSettings::requireJdbcUrl)
            .build();

    public static final Setting<String> USER = Setting.builder("user", SettingType.string())
            .group(DATABASE).defaultValue("postgres")
            .description("Database user; needs the REPLICATION attribute (or superuser) and SELECT on the captured tables.")
            .validation(value -> requireNotBlank(value, "a user name"))
            .build();

    public static final Setting<String> PASSWORD = Setting.builder("password", SettingType.string())
            .group(DATABASE).secret()
            .description("Password of the user. Prefer the config file or SLUICE_PASSWORD: other users of the "
                    + "machine can see a --password flag in the process list.")
            .build();

    public static final Setting<String> SLOT = Setting.builder("slot", SettingType.string())
            .group(DATABASE).defaultValue("sluice")
            .description("Logical replication slot Sluice creates and reads; one per Sluice process.")
            .validation(SluiceSettings::requireSlotName)
            .build();

    public static final Setting<String> PUBLICATION = Setting.builder("publication", SettingType.string())
            .group(DATABASE).defaultValue("sluice")
            .description("Publication Sluice creates for the captured tables.")
            .validation(SluiceSettings::requireIdentifier)
            .build();

    public static final Setting<List<String>> TABLES = Setting.builder("tables", SettingType.list())
            .group(CAPTURE).defaultValue(List.of())
            .description("Tables to capture, as schema.table (a bare name is in public; double-quote a part that "
                    + "contains a dot); empty captures every table of the schemas.")
            .validation(tables -> tables.forEach(SluiceSettings::requireTableName))
            .build();

    public static final Setting<List<String>> SCHEMAS = Setting.builder("schemas", SettingType.list())
            .group(CAPTURE).defaultValue(List.of(DEFAULT_SCHEMA))
            .description("Schemas whose tables are all captured when tables is empty.")
            .build();

    public static final Setting<SluiceConfig.SnapshotMode> SNAPSHOT_MODE =
            Setting.builder("snapshot-mode", SettingType.enumeration(SluiceConfig.SnapshotMode.class))
                    .group(CAPTURE).defaultValue(SluiceConfig.SnapshotMode.INITIAL)
                    .description("initial: snapshot the captured tables on first start, then stream; "
                            + "never: stream changes only.")
                    .build();

    public static final Setting<Boolean> PUBLISH_VIA_PARTITION_ROOT =
            Setting.builder("publish-via-partition-root", SettingType.bool())
                    .group(CAPTURE).defaultValue(false)
                    .description("Capture a partitioned table through its root: one topic, the root's columns, rows read from "
                            + "its leaf partitions (PostgreSQL 13 or later). Otherwise each leaf partition is a table of its own.")
                    .build();

    public static final Setting<Integer> SNAPSHOT_WORKERS = Setting.builder("snapshot-workers", SettingType.integer(0, 64))
            .group(SNAPSHOTS).defaultValue(0)
            .description("Connections reading the initial snapshot at once, each importing the slot's exported snapshot; "
                    + "0: as many as the machine has cores, at least 2 and at most 8.")
            .build();

    public static final Setting<Integer> SNAPSHOT_CHUNK_ROWS = Setting.builder("snapshot-chunk-rows", SettingType.integer(1, 100_000_000))
            .group(SNAPSHOTS).defaultValue(200_000)
            .description("Rows per chunk of the initial snapshot (a block range sized from the catalog's statistics); "
                    + "a crash repeats at most the chunks in flight.")
            .build();

    public static final Setting<Integer> INCREMENTAL_CHUNK_ROWS =
            Setting.builder("incremental-chunk-rows", SettingType.integer(1, 1_000_000))
                    .group(SNAPSHOTS).defaultValue(4096)
                    .description("Rows per chunk of an incremental snapshot; a chunk is held in memory between its watermarks.")
                    .build();

    public static final Setting<Integer> INCREMENTAL_ROWS_PER_SECOND =
            Setting.builder("incremental-rows-per-second", SettingType.integer(0, Integer.MAX_VALUE))
                    .group(SNAPSHOTS).defaultValue(0)
                    .description("Throttle of incremental snapshots, in rows read per second; 0: no limit.")
                    .build();

    public static final Setting<Boolean> ALLOW_UNKEYED = Setting.builder("allow-unkeyed", SettingType.bool())
            .group(CAPTURE).defaultValue(false)
            .description("Capture tables without primary key or replica identity index: their events have no key, "
                    + "and their updates and deletes are emitted only under REPLICA IDENTITY FULL.")
            .build();

    public static final Setting<String> TOPIC_PREFIX = Setting.builder("topic-prefix", SettingType.string())
            .group(TOPIC).defaultDescription("the database name in database-url")
            .description("First part of the topic names, <prefix>.<schema>.<table>.")
            .validation(SluiceSettings::requireTopicName)
            .build();

    public static final Setting<Map<String, String>> TOPIC_OVERRIDES = Setting.builder("topic-overrides", SettingType.map())
            .group(TOPIC).defaultValue(Map.of())
            .description("Topics of particular tables, schema.table=topic.")
            .validation(SluiceSettings::requireOverrides)
            .build();

    public static final Setting<Boolean> TOMBSTONES = Setting.builder("tombstones", SettingType.bool())
            .group(TOPIC).defaultValue(true)
            .description("Follow each delete with a tombstone (same key, null value) so compacted topics drop the row.")
            .build();

    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.builder("topic-partitions", SettingType.integer(1, 100_000))
            .group(TOPIC).defaultValue(1)
            .description("Partitions of the topics Sluice creates.")
            .build();

    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR =
            Setting.builder("topic-replication-factor", SettingType.integer(-1, Short.MAX_VALUE))
                    .group(TOPIC).defaultValue(-1)
                    .description("Replication factor of the topics Sluice creates; -1 uses the broker's default.")
                    .validation(SluiceSettings::requireReplicationFactor)
                    .build();

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.builder("kafka-bootstrap-servers", SettingType.string())
            .group(SINK)
            .description("Kafka brokers, host:port,...; without them events are written as JSON lines to output or "
                    + "stdout (a dry run).")
            .validation(SluiceSettings::requireHostPorts)
            .build();

    public static final Setting<Map<String, String>> KAFKA_PROPERTIES = Setting.builder("kafka-properties", SettingType.map())
            .group(SINK).defaultValue(Map.of())
            .description("Kafka producer properties passed through as given, e.g. compression.type=zstd,linger.ms=20.")
            .validation(SluiceSettings::requireNoBootstrapProperty)
            .build();

    public static final Setting<Path> OUTPUT = Setting.builder("output", SettingType.path())
            .group(SINK).defaultDescription("stdout")
            .description("JSON-lines file written instead of Kafka when kafka-bootstrap-servers is not set.")
            .build();

    public static final Setting<Format> FORMAT = Setting.builder("format", SettingType.enumeration(Format.class))
            .group(FORMAT_GROUP).defaultValue(Format.JSON)
            .description("Bytes of keys and values: json (Sluice's envelope), debezium-json (Debezium's PostgreSQL connector "
                    + "format through Kafka's JsonConverter) or avro (Confluent wire format, schemas in a schema registry).")
            .build();

    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.builder("schema-registry-url", SettingType.string())
            .group(FORMAT_GROUP)
            .description("Base URL of the Confluent-compatible schema registry for avro, http://host:8081 (https uses the "
                    + "JVM's trust store).")
            .validation(SluiceSettings::requireHttpUrl)
            .build();

    public static final Setting<String> SCHEMA_REGISTRY_USER = Setting.builder("schema-registry-user", SettingType.string())
            .group(FORMAT_GROUP)
            .description("User for the schema registry's basic authentication.")
            .validation(value -> requireNotBlank(value, "a user name"))
            .build();

    public static final Setting<String> SCHEMA_REGISTRY_PASSWORD = Setting.builder("schema-registry-password", SettingType.string())
            .group(FORMAT_GROUP).secret()
            .description("Password for the schema registry's basic authentication.")
            .build();

    public static final Setting<RegistryFailure> REGISTRY_FAILURE =
            Setting.builder("registry-failure", SettingType.enumeration(RegistryFailure.class))
                    .group(FORMAT_GROUP).defaultValue(RegistryFailure.RETRY)
                    .description("When the schema registry cannot register a schema (unreachable, incompatible change): retry "
                            + "(start over from the last confirmed position after a backoff) or stop. A record is never sent "
                            + "without its registered schema.")
                    .build();

    public static final Setting<Boolean> DEBEZIUM_SCHEMAS = Setting.builder("debezium-schemas", SettingType.bool())
            .group(FORMAT_GROUP).defaultValue(true)
            .description("For debezium-json: write {\"schema\": ..., \"payload\": ...} as JsonConverter's schemas.enable=true "
                    + "does; false writes the payload alone.")
            .build();

    public static final Setting<DecimalHandling> DECIMAL_HANDLING_MODE =
            Setting.builder("decimal-handling-mode", SettingType.enumeration(DecimalHandling.class))
                    .group(FORMAT_GROUP).defaultValue(DecimalHandling.PRECISE)
                    .description("For debezium-json, Debezium's decimal.handling.mode: precise (exact, as bytes), double or string.")
                    .build();

    public static final Setting<TimePrecision> TIME_PRECISION_MODE =
            Setting.builder("time-precision-mode", SettingType.enumeration(TimePrecision.class))
                    .group(FORMAT_GROUP).defaultValue(TimePrecision.ADAPTIVE)
                    .description("For debezium-json, Debezium's time.precision.mode: adaptive, adaptive-time-microseconds or connect.")
                    .build();

    public static final Setting<Boolean> SCHEMA_CHANGES_TOPIC = Setting.builder("schema-changes-topic", SettingType.bool())
            .group(FORMAT_GROUP).defaultValue(false)
            .description("Also write one JSON event per change of a captured table's columns (ALTER TABLE, as seen in the "
                    + "stream) to <prefix>.schema-changes: the table, the columns before and after with their types, the LSN.")
            .build();

    public static final Setting<Path> STATE_DIR = Setting.builder("state-dir", SettingType.path())
            .group(RUNTIME).defaultValue(Path.of("./sluice-state"))
            .description("Directory of Sluice's local state files: <slot>.state (the position) and <slot>.snapshot (snapshot progress).")
            .build();

    public static final Setting<Duration> HEARTBEAT_INTERVAL = positiveDuration("heartbeat-interval", Duration.ofSeconds(10),
            "How often the slot's position is advanced while no captured table changes, so WAL of other tables "
                    + "does not pile up behind the slot.");

    public static final Setting<Duration> STATUS_INTERVAL = positiveDuration("status-interval", Duration.ofSeconds(1),
            "How often the confirmed position is reported to the server; after a crash, at most about this much is sent again.");

    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.builder("max-in-flight", SettingType.integer(1, 1_000_000))
            .group(RUNTIME).defaultValue(20_000)
            .description("Events handed to the sink and not yet acknowledged, at most; reading pauses beyond it.")
            .build();

    public static final Setting<Duration> RETRY_INITIAL_BACKOFF = positiveDuration("retry-initial-backoff", Duration.ofSeconds(1),
            "First wait after a transient fault (connection lost, broker restarting); doubles on each retry.");

    public static final Setting<Duration> RETRY_MAX_BACKOFF = positiveDuration("retry-max-backoff", Duration.ofSeconds(30),
            "Longest wait between retries.");

    public static final Setting<String> HTTP_ADDRESS = Setting.builder("http-address", SettingType.string())
            .group(CONTROL).defaultValue("127.0.0.1:7781")
            .description("host:port of the HTTP admin API (/health, /ready, /status, /stats, /metrics, /tables, /suspend, "
                    + "/resume, /snapshots, /connectors); port 0 picks a free one; 'off' for no API. Bound to another address "
                    + "than loopback, every write needs http-token.")
            .validation(SluiceSettings::requireHttpAddress)
            .build();

    public static final Setting<String> HTTP_TOKEN = Setting.builder("http-token", SettingType.string())
            .group(CONTROL).secret()
            .description("Bearer token the admin API requires on every write (Authorization: Bearer <token>); required "
                    + "when http-address is not a loopback address.")
            .build();

    public static final Setting<Integer> READY_MAX_LAG_MB = Setting.builder("ready-max-lag-mb", SettingType.integer(1, 1_000_000))
            .group(CONTROL).defaultValue(256)
            .description("/ready answers 503 when the slot's confirmed position is more than this many MiB of WAL behind the server.")
            .build();

    public static final Setting<String> CONNECT_URL = Setting.builder("connect-url", SettingType.string())
            .group(CONTROL)
            .description("REST URL of the Kafka Connect cluster whose sink connectors Sluice manages "
                    + "(sluice.create_sink_connector), e.g. http://connect:8083; none: no connectors.")
            .validation(SluiceSettings::requireHttpUrl)
            .build();

    public static final Setting<String> CONNECT_USER = Setting.builder("connect-user", SettingType.string())
            .group(CONTROL)
            .description("User for Kafka Connect's basic authentication.")
            .build();

    public static final Setting<String> CONNECT_PASSWORD = Setting.builder("connect-password", SettingType.string())
            .group(CONTROL).secret()
            .description("Password for Kafka Connect's basic authentication.")
            .build();

    /** All of the above, in the order they are documented. */
    public static final SettingCatalog CATALOG = new SettingCatalog("SLUICE_", List.of(
            DATABASE_URL, USER, PASSWORD, SLOT, PUBLICATION,
            TABLES, SCHEMAS, SNAPSHOT_MODE, ALLOW_UNKEYED, PUBLISH_VIA_PARTITION_ROOT,
            SNAPSHOT_WORKERS, SNAPSHOT_CHUNK_ROWS, INCREMENTAL_CHUNK_ROWS, INCREMENTAL_ROWS_PER_SECOND,
            TOPIC_PREFIX, TOPIC_OVERRIDES, TOMBSTONES, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR,
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_PROPERTIES, OUTPUT,
            FORMAT, SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER, SCHEMA_REGISTRY_PASSWORD, REGISTRY_FAILURE,
            DEBEZIUM_SCHEMAS, DECIMAL_HANDLING_MODE, TIME_PRECISION_MODE, SCHEMA_CHANGES_TOPIC,
            STATE_DIR, HEARTBEAT_INTERVAL, STATUS_INTERVAL, MAX_IN_FLIGHT, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF,
            HTTP_ADDRESS, HTTP_TOKEN, READY_MAX_LAG_MB, CONNECT_URL, CONNECT_USER, CONNECT_PASSWORD));

    private SluiceSettings() {
    }

    private static Setting<Duration> positiveDuration(String name, Duration defaultValue, String description) {
        return Setting.builder(name, SettingType.duration())
                .group(RUNTIME).defaultValue(defaultValue).description(description)
                .validation(d -> {
                    if (d.isZero()) {
                        throw new InvalidValueException("is zero; use e.g. 500ms, 10s, 5m");
                    }
                })
                .build();
    }

    private static void requireJdbcUrl(String url) {
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new InvalidValueException("is not a PostgreSQL JDBC URL; use jdbc:postgresql://host:5432/dbname");
        }
        if (url.length() == JDBC_PREFIX.length() || url.charAt(JDBC_PREFIX.length()) == '/') {
            throw new InvalidValueException("names no host; use jdbc:postgresql://host:5432/dbname");
        }
    }

    private static void requireNotBlank(String value, String what) {
        if (value.isBlank()) {
            throw new InvalidValueException("is empty; use " + what);
        }
    }

    private static void requireHttpUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidValueException("is not an http(s) URL; use e.g. http://registry:8081");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidValueException("is not a URL; use e.g. http://registry:8081");
        }
    }

    private static void requireHttpAddress(String address) {
        if (address.equals("off")) {
            return;
        }
        Matcher m = HOST_PORT.matcher(address.trim());
        int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (port < 0 || port > 65535) {
            throw new InvalidValueException("is not host:port; use e.g. 127.0.0.1:7781, 0.0.0.0:7781 (with http-token) or off");
        }
    }

    private static void requireSlotName(String slot) {
        if (!SLOT_NAME.matcher(slot).matches()) {
            throw new InvalidValueException("is not a valid replication slot name; use lower-case letters, digits "
                    + "and underscores, at most 63 characters");
        }
    }

    private static void requireIdentifier(String name) {
        requireNotBlank(name, "a name");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new InvalidValueException("is too long; use at most 63 bytes");
        }
    }

    private static void requireTableName(String table) {
        try {
            TableId.parse(table, DEFAULT_SCHEMA);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("names '" + table + "', which is not a table name; use schema.table "
                    + "(double-quote a part that contains a dot)");
        }
    }

    private static void requireTopicName(String topic) {
        if (!isLegalTopic(topic)) {
            throw new InvalidValueException("is not a legal Kafka topic name; " + TOPIC_RULE);
        }
    }

    private static void requireOverrides(Map<String, String> overrides) {
        overrides.forEach((table, topic) -> {
            requireTableName(table);
            if (!isLegalTopic(topic)) {
                throw new InvalidValueException("maps " + table + " to '" + topic + "', which is not a legal Kafka "
                        + "topic name; " + TOPIC_RULE);
            }
        });
    }

    /** Asks the router, which owns the rule, whether {@code topic} is a legal Kafka topic name. */
    private static boolean isLegalTopic(String topic) {
        try {
            new TopicRouter("sluice", Map.of(new TableId(DEFAULT_SCHEMA, "t"), topic));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireReplicationFactor(int factor) {
        if (factor == 0) {
            throw new InvalidValueException("is not a replication factor; use -1 for the broker's default or 1 and more");
        }
    }

    private static void requireHostPorts(String servers) {
        String[] entries = servers.split(",", -1);
        for (String entry : entries) {
            Matcher m = HOST_PORT.matcher(entry.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw new InvalidValueException("is not a list of host:port; use e.g. localhost:9092,broker2:9092");
            }
        }
    }

    private static void requireNoBootstrapProperty(Map<String, String> properties) {
        if (properties.containsKey("bootstrap.servers")) {
            throw new InvalidValueException("sets bootstrap.servers; use kafka-bootstrap-servers instead");
        }
    }
}
