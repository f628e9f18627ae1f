package dev.sluice.server.config;

import static dev.sluice.server.config.SluiceSettings.*;

import dev.sluice.core.config.ConfigException;
import dev.sluice.core.config.ConfigLayer;
import dev.sluice.core.config.ResolvedSettings;
import dev.sluice.core.config.Setting;
import dev.sluice.core.config.SettingsResolver;
import dev.sluice.formats.Format;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@link SluiceConfig} of one run: the declared defaults, then the YAML file, then
 * {@code SLUICE_*} environment variables, then flags; then the checks that span several settings
 * (which no single declaration can make). Every problem is reported at once, before anything
 * connects anywhere.
 */
public final class SluiceConfigLoader {

    private SluiceConfigLoader() {
    }

    /**
     * Resolves and checks the settings.
     *
     * @param configFile the YAML file, or null for none
     * @param env        environment lookup ({@code System::getenv} outside tests)
     * @param flags      flag values by setting name
     * @throws ConfigException listing every problem
     */
    public static ResolvedSettings resolve(Path configFile, Function<String, String> env, Map<String, String> flags) {
        ConfigLayer file = configFile == null ? ConfigLayer.empty() : YamlConfigFile.read(configFile);
        ResolvedSettings resolved = new SettingsResolver(CATALOG).resolve(List.of(
                file, ConfigLayer.environment(CATALOG, env), ConfigLayer.flags(flags)));
        List<String> problems = crossChecks(resolved);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return resolved;
    }

    /** The record the engine consumes. */
    public static SluiceConfig toConfig(ResolvedSettings r) {
        return new SluiceConfig(
                r.get(DATABASE_URL),
                r.get(USER),
                r.get(PASSWORD),
                r.get(SLOT),
                r.get(PUBLICATION),
                r.get(TABLES),
                r.get(SCHEMAS),
                r.get(TOPIC_PREFIX),
                r.get(TOPIC_OVERRIDES),
                r.get(ALLOW_UNKEYED),
                r.get(TOMBSTONES),
                r.get(KAFKA_BOOTSTRAP_SERVERS),
                r.get(KAFKA_PROPERTIES),
                r.get(TOPIC_PARTITIONS),
                r.get(TOPIC_REPLICATION_FACTOR).shortValue(),
                r.get(OUTPUT),
                r.get(STATE_DIR),
                r.get(SNAPSHOT_MODE),
                r.get(HEARTBEAT_INTERVAL),
                r.get(STATUS_INTERVAL),
                r.get(MAX_IN_FLIGHT),
                r.get(RETRY_INITIAL_BACKOFF),
                r.get(RETRY_MAX_BACKOFF),
                new FormatConfig(
                        r.get(FORMAT),
                        r.get(SCHEMA_REGISTRY_URL),
                        r.get(SCHEMA_REGISTRY_USER),
                        r.get(SCHEMA_REGISTRY_PASSWORD),
                        r.get(REGISTRY_FAILURE),
                        r.get(DEBEZIUM_SCHEMAS),
                        r.get(DECIMAL_HANDLING_MODE),
                        r.get(TIME_PRECISION_MODE),
                        r.get(SCHEMA_CHANGES_TOPIC)),
                new SnapshotConfig(r.get(SNAPSHOT_WORKERS), r.get(SNAPSHOT_CHUNK_ROWS), r.get(INCREMENTAL_CHUNK_ROWS),
                        r.get(INCREMENTAL_ROWS_PER_SECOND), r.get(PUBLISH_VIA_PARTITION_ROOT)),
                new ControlConfig(r.get(HTTP_ADDRESS).equals("off") ? null : r.get(HTTP_ADDRESS), r.get(HTTP_TOKEN),
                        r.get(READY_MAX_LAG_MB), r.get(CONNECT_URL), r.get(CONNECT_USER), r.get(CONNECT_PASSWORD)));
    }

    /** {@link #resolve} then {@link #toConfig}. */
    public static SluiceConfig load(Path configFile, Function<String, String> env, Map<String, String> flags) {
        return toConfig(resolve(configFile, env, flags));
    }

    private static List<String> crossChecks(ResolvedSettings r) {
        List<String> problems = new ArrayList<>();
        if (r.get(TABLES).isEmpty() && r.get(SCHEMAS).isEmpty()) {
            problems.add(r.problem(SCHEMAS, "is empty and so is tables: nothing to capture; name tables or schemas"));
        }
        String http = r.get(HTTP_ADDRESS);
        if (!http.equals("off") && r.get(HTTP_TOKEN) == null && !isLoopback(http)) {
            problems.add(r.problem(HTTP_ADDRESS, "is not a loopback address and http-token is not set: anyone who can reach "
                    + "it could suspend Sluice; set http-token (SLUICE_HTTP_TOKEN) or bind to 127.0.0.1"));
        }
        if (r.get(RETRY_MAX_BACKOFF).compareTo(r.get(RETRY_INITIAL_BACKOFF)) < 0) {
            problems.add(r.problem(RETRY_MAX_BACKOFF, "is shorter than retry-initial-backoff ('"
                    + RETRY_INITIAL_BACKOFF.show(r.get(RETRY_INITIAL_BACKOFF)) + "'); make it at least as long"));
        }
        boolean kafka = r.get(KAFKA_BOOTSTRAP_SERVERS) != null;
        if (kafka && r.get(OUTPUT) != null) {
            problems.add(r.problem(OUTPUT, "is only written without Kafka, but kafka-bootstrap-servers is set; "
                    + "remove one of them"));
        }
        if (!kafka && !r.get(KAFKA_PROPERTIES).isEmpty()) {
            problems.add(r.problem(KAFKA_PROPERTIES, "has no effect without kafka-bootstrap-servers; set that too "
                    + "or remove these"));
        }
        formatChecks(r, kafka, problems);
        return problems;
    }

    private static void formatChecks(ResolvedSettings r, boolean kafka, List<String> problems) {
        boolean avro = r.get(FORMAT) == Format.AVRO;
        if (avro && r.get(SCHEMA_REGISTRY_URL) == null) {
            problems.add(r.problem(FORMAT, "needs a schema registry; set schema-registry-url"));
        }
        if (avro && !kafka) {
            problems.add(r.problem(FORMAT, "writes binary records, which only Kafka takes; set kafka-bootstrap-servers "
                    + "or use format json or debezium-json for a dry run"));
        }
        if (!avro) {
            for (Setting<?> setting : List.of(SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER, SCHEMA_REGISTRY_PASSWORD, REGISTRY_FAILURE)) {
                if (r.isSet(setting)) {
                    problems.add(r.problem(setting, "has no effect unless format is avro; set format: avro or remove it"));
                }
            }
        }
        if (r.get(FORMAT) != Format.DEBEZIUM_JSON) {
            for (Setting<?> setting : List.of(DEBEZIUM_SCHEMAS, DECIMAL_HANDLING_MODE, TIME_PRECISION_MODE)) {
                if (r.isSet(setting)) {
                    problems.add(r.problem(setting, "has no effect unless format is debezium-json; set format: debezium-json "
                            + "or remove it"));
                }
            }
        }
        if (r.isSet(SCHEMA_REGISTRY_PASSWORD) && r.get(SCHEMA_REGISTRY_USER) == null) {
            problems.add(r.problem(SCHEMA_REGISTRY_PASSWORD, "is set without schema-registry-user; set the user too"));
        }
    }

    /** Whether {@code host:port} names this machine's loopback interface only. */
    static boolean isLoopback(String hostPort) {
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
