package dev.sluice.server.engine;

import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.formats.FormatOptions;
import dev.sluice.formats.debezium.DebeziumOptions;
import dev.sluice.formats.registry.RegistrySettings;
import dev.sluice.server.config.FormatConfig;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SnapshotConfig;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the engine derives from the configuration once: the source's config, the database name,
 * topic naming, the output format's options.
 */
record EngineSettings(PostgresSourceConfig source, String database, String topicPrefix, Map<TableId, String> topicOverrides,
        FormatOptions formats) {

    private static final String DEFAULT_SCHEMA = "public";

    static EngineSettings from(SluiceConfig config) {
        String database = databaseOf(config.databaseUrl());
        List<TableId> tables = config.tables().stream().map(t -> TableId.parse(t, DEFAULT_SCHEMA)).toList();
        PostgresSourceConfig source = new PostgresSourceConfig(config.databaseUrl(), config.user(), config.password(),
                config.slot(), config.publication(), tables, config.schemas(), config.allowUnkeyed(),
                config.snapshotMode() == SluiceConfig.SnapshotMode.INITIAL, config.heartbeatInterval(), config.statusInterval(),
                snapshotOptions(config), config.snapshots().viaPartitionRoot());
        Map<TableId, String> overrides = new LinkedHashMap<>();
        config.topicOverrides().forEach((table, topic) -> overrides.put(TableId.parse(table, DEFAULT_SCHEMA), topic));
        String prefix = config.topicPrefix() == null ? database : config.topicPrefix();
        return new EngineSettings(source, database, prefix, overrides, formatOptions(config.format()));
    }

    private static SnapshotOptions snapshotOptions(SluiceConfig config) {
        SnapshotConfig s = config.snapshots();
        return new SnapshotOptions(s.workers() == 0 ? SnapshotOptions.DEFAULT_WORKERS : s.workers(), s.chunkRows(),
                s.incrementalChunkRows(), s.incrementalRowsPerSecond(), config.stateDir());
    }

    private static FormatOptions formatOptions(FormatConfig format) {
        DebeziumOptions debezium = new DebeziumOptions(format.debeziumSchemas(), format.decimalHandling(), format.timePrecision(),
                "sluice-" + version());
        RegistrySettings registry = format.schemaRegistryUrl() == null ? null : new RegistrySettings(
                URI.create(format.schemaRegistryUrl()), format.schemaRegistryUser(), format.schemaRegistryPassword(),
                format.registryFailure());
        return new FormatOptions(format.format(), debezium, registry);
    }

    /** Sluice's version from the resource Maven fills in; {@code unknown} when run from classes Maven did not build. */
    static String version() {
        try (InputStream in = EngineSettings.class.getResourceAsStream("/dev/sluice/server/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database name of {@code jdbc:postgresql://host:port/name?params}. */
    static String databaseOf(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            return "postgres";
        }
        String name = rest.substring(slash + 1);
        int query = name.indexOf('?');
        return java.net.URLDecoder.decode(query < 0 ? name : name.substring(0, query), java.nio.charset.StandardCharsets.UTF_8);
    }
}
