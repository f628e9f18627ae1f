package dev.sluice.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.config.ConfigException;
import dev.sluice.core.config.Origin;
import dev.sluice.core.config.ResolvedSettings;
import dev.sluice.formats.Format;
import dev.sluice.formats.debezium.DecimalHandling;
import dev.sluice.formats.debezium.TimePrecision;
import dev.sluice.formats.registry.RegistryFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceConfigLoaderTest {

    private static final String URL = "jdbc:postgresql://db.example.com:5432/shop";
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static List<String> problems(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void defaultsGiveTheDocumentedConfig() {
        SluiceConfig config = SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL));

        assertThat(config).isEqualTo(new SluiceConfig(URL, "postgres", null, "sluice", "sluice", List.of(),
                List.of("public"), null, Map.of(), false, true, null, Map.of(), 1, (short) -1, null,
                Path.of("./sluice-state"), SluiceConfig.SnapshotMode.INITIAL, Duration.ofSeconds(10),
                Duration.ofSeconds(1), 20_000, Duration.ofSeconds(1), Duration.ofSeconds(30), FormatConfig.defaults())
                .withControl(new ControlConfig("127.0.0.1:7781", null, 256, null, null, null)));
    }

    @Test
    void everySettingCanBeSetInYamlWithListsAndNestedMaps() throws IOException {
        Path file = yaml("""
                database-url: %s
                user: sluice
                password: s3cret
                slot: shop_slot
                publication: shop_pub
                tables:
                  - public.orders
                  - '"Mixed.Case".items'
                schemas: [public, sales]
                snapshot-mode: NEVER
                allow-unkeyed: yes
                topic-prefix: shop
                topic-overrides:
                  public.orders: orders-v2
                tombstones: false
                kafka-bootstrap-servers: k1:9092,k2:9092
                kafka-properties:
                  compression.type: zstd
                  ssl:
                    truststore:
                      location: /etc/kafka/truststore.jks
                topic-partitions: 6
                topic-replication-factor: 3
                state-dir: /var/lib/sluice
                heartbeat-interval: 500ms
                status-interval: 2m
                max-in-flight: 1000
                retry-initial-backoff: 2s
                retry-max-backoff: 1h
                http-address: 0.0.0.0:9000
                http-token: t0ken
                ready-max-lag-mb: 64
                connect-url: http://connect:8083
                connect-user: ops
                connect-password: pw
                """.formatted(URL));

        SluiceConfig config = SluiceConfigLoader.load(file, NO_ENV, Map.of());

        assertThat(config.control()).isEqualTo(new ControlConfig("0.0.0.0:9000", "t0ken", 64, "http://connect:8083", "ops", "pw"));
        assertThat(config.toString()).doesNotContain("t0ken").doesNotContain("pw,");
        assertThat(config.withControl(ControlConfig.NONE)).isEqualTo(new SluiceConfig(URL, "sluice", "s3cret", "shop_slot", "shop_pub",
                List.of("public.orders", "\"Mixed.Case\".items"), List.of("public", "sales"), "shop",
                Map.of("public.orders", "orders-v2"), true, false, "k1:9092,k2:9092",
                Map.of("compression.type", "zstd", "ssl.truststore.location", "/etc/kafka/truststore.jks"), 6,
                (short) 3, null, Path.of("/var/lib/sluice"), SluiceConfig.SnapshotMode.NEVER,
                Duration.ofMillis(500), Duration.ofMinutes(2), 1000, Duration.ofSeconds(2), Duration.ofHours(1),
                FormatConfig.defaults()));
    }

    @Test
    void environmentBeatsTheFileAndFlagsBeatTheEnvironment() throws IOException {
        Path file = yaml("database-url: " + URL + "\nslot: from_file\nmax-in-flight: 10\nuser: file_user\n");
        Map<String, String> env = Map.of("SLUICE_SLOT", "from_env", "SLUICE_MAX_IN_FLIGHT", "20");

        ResolvedSettings resolved = SluiceConfigLoader.resolve(file, env::get, Map.of("max-in-flight", "30"));

        assertThat(resolved.get(SluiceSettings.USER)).isEqualTo("file_user");
        assertThat(resolved.origin(SluiceSettings.USER)).isEqualTo(Origin.file(file.toString(), 4));
        assertThat(resolved.get(SluiceSettings.SLOT)).isEqualTo("from_env");
        assertThat(resolved.get(SluiceSettings.MAX_IN_FLIGHT)).isEqualTo(30);
        assertThat(resolved.origin(SluiceSettings.MAX_IN_FLIGHT)).hasToString("--max-in-flight");
    }

    @Test
    void aBadValueInTheFileNamesFileAndLine() throws IOException {
        Path file = yaml("database-url: " + URL + "\n\nheartbeat-interval: 10 parsecs\n");

        assertThat(problems(() -> SluiceConfigLoader.load(file, NO_ENV, Map.of()))).containsExactly(
                "heartbeat-interval: '10 parsecs' (from " + file + ":3) is not a duration; use e.g. 500ms, 10s, 5m");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> problems = problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of(
                "database-url", "postgres://db/shop",
                "slot", "Shop-Slot",
                "max-in-flight", "2000000",
                "snapshot-mode", "always",
                "tombstones", "perhaps",
                "topic-replication-factor", "0",
                "kafka-bootstrap-servers", "localhost")));

        assertThat(problems).containsExactly(
                "database-url: 'postgres://db/shop' (from --database-url) is not a PostgreSQL JDBC URL; "
                        + "use jdbc:postgresql://host:5432/dbname",
                "slot: 'Shop-Slot' (from --slot) is not a valid replication slot name; use lower-case letters, "
                        + "digits and underscores, at most 63 characters",
                "snapshot-mode: 'always' (from --snapshot-mode) is not one of the choices; use one of initial, never",
                "tombstones: 'perhaps' (from --tombstones) is not a boolean; use true or false",
                "topic-replication-factor: '0' (from --topic-replication-factor) is not a replication factor; "
                        + "use -1 for the broker's default or 1 and more",
                "kafka-bootstrap-servers: 'localhost' (from --kafka-bootstrap-servers) is not a list of host:port; "
                        + "use e.g. localhost:9092,broker2:9092",
                "max-in-flight: '2000000' (from --max-in-flight) is out of range; use a whole number from 1 to 1000000");
    }

    @Test
    void namesAndTopicsAreChecked() {
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "tables", "public.orders,\"unterminated.t",
                "topic-prefix", "my prefix",
                "topic-overrides", "public.orders=bad topic"))))
                .containsExactly(
                        "tables: 'public.orders,\"unterminated.t' (from --tables) names '\"unterminated.t', which is not "
                                + "a table name; use schema.table (double-quote a part that contains a dot)",
                        "topic-prefix: 'my prefix' (from --topic-prefix) is not a legal Kafka topic name; use letters, "
                                + "digits, '.', '_' and '-', at most 249 characters",
                        "topic-overrides: 'public.orders=bad topic' (from --topic-overrides) maps public.orders to "
                                + "'bad topic', which is not a legal Kafka topic name; use letters, digits, '.', '_' "
                                + "and '-', at most 249 characters");
    }

    @Test
    void settingsThatContradictEachOtherAreNamedTogether() {
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "schemas", "",
                "retry-initial-backoff", "10s",
                "retry-max-backoff", "5s",
                "kafka-properties", "linger.ms=5",
                "output", "events.jsonl"))))
                .containsExactly(
                        "schemas: '' (from --schemas) is empty and so is tables: nothing to capture; name tables or schemas",
                        "retry-max-backoff: '5s' (from --retry-max-backoff) is shorter than retry-initial-backoff "
                                + "('10s'); make it at least as long",
                        "kafka-properties: 'linger.ms=5' (from --kafka-properties) has no effect without "
                                + "kafka-bootstrap-servers; set that too or remove these");
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "kafka-bootstrap-servers", "localhost:9092", "output", "events.jsonl"))))
                .containsExactly("output: 'events.jsonl' (from --output) is only written without Kafka, but "
                        + "kafka-bootstrap-servers is set; remove one of them");
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "kafka-bootstrap-servers", "localhost:9092", "kafka-properties", "bootstrap.servers=other:9092"))))
                .containsExactly("kafka-properties: 'bootstrap.servers=other:9092' (from --kafka-properties) sets "
                        + "bootstrap.servers; use kafka-bootstrap-servers instead");
    }

    @Test
    void unknownYamlKeysAreNamedWithTheClosestSetting() throws IOException {
        Path file = yaml("database-url: " + URL + "\nheartbeat_interval: 5s\ncolour: blue\n");

        assertThat(problems(() -> SluiceConfigLoader.load(file, NO_ENV, Map.of()))).containsExactly(
                "unknown setting 'heartbeat_interval' (from " + file + ":2); did you mean 'heartbeat-interval'?",
                "unknown setting 'colour' (from " + file + ":3); see the configuration reference for the settings");
    }

    @Test
    void malformedYamlIsOneLineWithLineAndColumn() throws IOException {
        Path file = yaml("database-url: " + URL + "\nslot: [unclosed\nuser: x\n");

        List<String> problems = problems(() -> SluiceConfigLoader.load(file, NO_ENV, Map.of()));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(file + ":").contains("malformed YAML").doesNotContain("\n");
        assertThat(problems.get(0)).matches(".*sluice\\.yaml:\\d+:\\d+: malformed YAML: .+");
    }

    @Test
    void yamlShapeMistakesAreNamed() throws IOException {
        Path list = yaml("- a\n- b\n");
        assertThat(problems(() -> SluiceConfigLoader.load(list, NO_ENV, Map.of())))
                .containsExactly(list + ":1:1: the file must be a map of setting names to values, e.g. slot: sluice");
        Path twice = yaml("slot: a\nslot: b\n");
        assertThat(problems(() -> SluiceConfigLoader.load(twice, NO_ENV, Map.of())))
                .containsExactly(twice + ":2:1: 'slot' is set twice (also on line 1); keep one");
        Path nested = yaml("tables:\n  - [a, b]\n");
        assertThat(problems(() -> SluiceConfigLoader.load(nested, NO_ENV, Map.of())))
                .singleElement().asString().endsWith("a list may hold only plain values");
        Path listForText = yaml("slot: [a, b]\ndatabase-url: " + URL);
        assertThat(problems(() -> SluiceConfigLoader.load(listForText, NO_ENV, Map.of())))
                .containsExactly("slot: [a, b] (from " + listForText + ":1) is a list; use a single text");
    }

    @Test
    void anEmptyFileAndNullValuesSetNothing() throws IOException {
        Path empty = yaml("");
        assertThat(SluiceConfigLoader.load(empty, NO_ENV, Map.of("database-url", URL)).slot()).isEqualTo("sluice");
        Path nulls = yaml("slot:\noutput: ~\n");
        assertThat(SluiceConfigLoader.load(nulls, NO_ENV, Map.of("database-url", URL)).slot()).isEqualTo("sluice");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThat(problems(() -> SluiceConfigLoader.load(missing, NO_ENV, Map.of())))
                .containsExactly("config file " + missing + " does not exist");
        assertThat(problems(() -> SluiceConfigLoader.load(dir, NO_ENV, Map.of())))
                .containsExactly("config file " + dir + " is a directory; give a YAML file");
    }

    @Test
    void thePasswordIsNeverShown() {
        ResolvedSettings resolved = SluiceConfigLoader.resolve(null, Map.of("SLUICE_PASSWORD", "hunter2")::get,
                Map.of("database-url", URL));
        assertThat(String.join("\n", resolved.listing())).contains("password = ****").doesNotContain("hunter2");
    }

    @Test
    void anAdminApiBeyondLoopbackNeedsATokenAndAnAddressMustBeHostAndPort() {
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "http-address", "0.0.0.0:7781"))))
                .containsExactly("http-address: '0.0.0.0:7781' (from --http-address) is not a loopback address and http-token is not"
                        + " set: anyone who can reach it could suspend Sluice; set http-token (SLUICE_HTTP_TOKEN) or bind to 127.0.0.1");
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "http-address", "7781"))))
                .singleElement().asString().contains("is not host:port; use e.g. 127.0.0.1:7781");
        assertThat(SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "http-address", "off")).control().httpAddress())
                .isNull();
        assertThat(SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "http-address", "localhost:0")).control()
                .httpAddress()).isEqualTo("localhost:0");
    }

    @Test
    void everyComponentOfTheConfigHasASetting() {
        // The format, snapshot and control settings are grouped in one component each.
        assertThat(SluiceSettings.CATALOG.settings()).hasSize(SluiceConfig.class.getRecordComponents().length - 3
                + FormatConfig.class.getRecordComponents().length + SnapshotConfig.class.getRecordComponents().length
                + ControlConfig.class.getRecordComponents().length);
    }

    @Test
    void avroSettingsResolveIntoTheFormatConfig() throws IOException {
        Path file = yaml("""
                database-url: %s
                kafka-bootstrap-servers: k1:9092
                format: avro
                schema-registry-url: https://registry.internal:8081
                schema-registry-user: sluice
                schema-registry-password: s3cret
                registry-failure: stop
                schema-changes-topic: true
                """.formatted(URL));

        SluiceConfig config = SluiceConfigLoader.load(file, NO_ENV, Map.of());

        assertThat(config.format()).isEqualTo(new FormatConfig(Format.AVRO, "https://registry.internal:8081", "sluice", "s3cret",
                RegistryFailure.STOP, true, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, true));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void debeziumSettingsAcceptDebeziumsOwnSpelling() {
        SluiceConfig config = SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "format", "debezium-json",
                "debezium-schemas", "false", "decimal-handling-mode", "string", "time-precision-mode", "adaptive_time_microseconds"));

        assertThat(config.format()).isEqualTo(new FormatConfig(Format.DEBEZIUM_JSON, null, null, null, RegistryFailure.RETRY,
                false, DecimalHandling.STRING, TimePrecision.ADAPTIVE_TIME_MICROSECONDS, false));
    }

    @Test
    void formatSettingsThatDoNotFitTheFormatAreNamed() {
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL, "format", "avro",
                "decimal-handling-mode", "double"))))
                .containsExactly(
                        "format: 'avro' (from --format) needs a schema registry; set schema-registry-url",
                        "format: 'avro' (from --format) writes binary records, which only Kafka takes; set "
                                + "kafka-bootstrap-servers or use format json or debezium-json for a dry run",
                        "decimal-handling-mode: 'double' (from --decimal-handling-mode) has no effect unless format is "
                                + "debezium-json; set format: debezium-json or remove it");
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "schema-registry-url", "registry:8081", "schema-registry-password", "x"))))
                .containsExactly(
                        "schema-registry-url: 'registry:8081' (from --schema-registry-url) is not an http(s) URL; use e.g. "
                                + "http://registry:8081");
        assertThat(problems(() -> SluiceConfigLoader.load(null, NO_ENV, Map.of("database-url", URL,
                "schema-registry-url", "http://registry:8081", "schema-registry-password", "x"))))
                .containsExactly(
                        "schema-registry-url: 'http://registry:8081' (from --schema-registry-url) has no effect unless format "
                                + "is avro; set format: avro or remove it",
                        "schema-registry-password: '****' (from --schema-registry-password) has no effect unless format is "
                                + "avro; set format: avro or remove it",
                        "schema-registry-password: '****' (from --schema-registry-password) is set without "
                                + "schema-registry-user; set the user too");
    }
}
