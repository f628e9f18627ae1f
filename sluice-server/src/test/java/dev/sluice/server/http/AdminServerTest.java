package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.config.ControlConfig;
import dev.sluice.server.engine.SluiceEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's observability side against a real engine streaming from PostgreSQL into Kafka:
 * health, readiness, status, counters, Prometheus metrics (read by a real text-format parser),
 * the bearer token on writes, and debug logging switched at runtime.
 */
class AdminServerTest {

    /** A table name that needs every escape of a Prometheus label value: a quote and a backslash. */
    private static final String ODD_TABLE = "we\"ird\\name";

    @TempDir
    static Path state;

    private static RunningSluice sluice;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        sluice = new RunningSluice("admin", "CREATE TABLE items (id int PRIMARY KEY, name text);"
                + "CREATE TABLE counted (id int PRIMARY KEY, n int);"
                + "CREATE TABLE \"we\"\"ird\\name\" (id int PRIMARY KEY);"
                + "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 7) g",
                List.of("items", "counted", "\"we\"\"ird\\name\""), state);
        http = new Http(sluice.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void healthSaysAliveAndReadySaysReadyOnceStreaming() {
        Http.Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(Http.JSON.valueToTree(Map.of("status", "alive")));
        assertThat(health.header("Content-Type")).isEqualTo("application/json");

        Http.Answer ready = http.get("/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(ready.json().get("state").asText()).isEqualTo("streaming");
    }

    @Test
    void statusAnswersWhatTheControlPlaneReports() {
        sluice.await(() -> http.get("/status").json().at("/sluice/state").asText().equals("streaming"), "status says streaming");
        Http.Answer status = http.get("/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().at("/slot/active").asBoolean()).isTrue();
    }

    @Test
    void statusWithoutTheControlPlaneIs503WithWhatTheEngineKnows() throws Exception {
        String bare = RunningSluice.PG.createDatabase("bare");
        try (AdminServer other = AdminServer.start(ControlConfig.NONE.withHttp("127.0.0.1:0", null), sluice.engine,
                RunningSluice.control(bare, state))) {
            Http.Answer status = new Http("http://127.0.0.1:" + other.port()).get("/status");
            assertThat(status.status()).as(status.body()).isEqualTo(503);
            assertThat(status.json().get("state").asText()).isEqualTo("streaming");
            assertThat(status.json().get("slot").asText()).isEqualTo(sluice.db);
            assertThat(status.json().get("control_unavailable").asText()).isNotBlank();
        }
    }

    @Test
    void statsAndMetricsCountEveryChangeByTableAndOperation() throws Exception {
        sluice.sql("INSERT INTO counted SELECT g, g FROM generate_series(1, 25) g;"
                + "UPDATE counted SET n = -n WHERE id <= 5; DELETE FROM counted WHERE id > 23;"
                + "INSERT INTO \"we\"\"ird\\name\" VALUES (1)");
        sluice.await(() -> http.get("/stats").json().at("/tables/public.counted/delete").asLong() == 2
                && http.get("/stats").json().at("/sink_latency/count").asLong() >= 25 + 5 + 2 + 1, "the changes counted and delivered");

        JsonNode stats = http.get("/stats").json();
        assertThat(stats.at("/tables/public.counted/insert").asLong()).isEqualTo(25);
        assertThat(stats.at("/tables/public.counted/update").asLong()).isEqualTo(5);
        assertThat(stats.at("/tables/public.items/read").asLong()).isEqualTo(7);
        assertThat(stats.at("/events/total").asLong()).isEqualTo(25 + 5 + 2 + 7 + 1);
        assertThat(stats.get("bytes").asLong()).isPositive();
        assertThat(stats.get("state").asText()).isEqualTo("streaming");
        assertThat(stats.at("/sink_latency/count").asLong()).isPositive();

        Http.Answer answer = http.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        Map<String, MetricFamily> metrics = parse(answer.body());

        assertThat(value(metrics, "sluice_events_total", Map.of("table", "public.counted", "operation", "insert"))).isEqualTo(25);
        assertThat(value(metrics, "sluice_events_total", Map.of("table", "public.counted", "operation", "update"))).isEqualTo(5);
        assertThat(value(metrics, "sluice_events_total", Map.of("table", "public.counted", "operation", "delete"))).isEqualTo(2);
        assertThat(value(metrics, "sluice_events_total", Map.of("table", "public.items", "operation", "read"))).isEqualTo(7);
        assertThat(value(metrics, "sluice_events_total", Map.of("table", "public." + ODD_TABLE, "operation", "insert"))).isEqualTo(1);
        assertThat(metrics.get("sluice_events_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(value(metrics, "sluice_bytes_total", Map.of())).isPositive();
        assertThat(value(metrics, "sluice_state", Map.of("state", "streaming"))).isEqualTo(1);
        assertThat(value(metrics, "sluice_state", Map.of("state", "suspended"))).isZero();
        assertThat(metrics.get("sluice_state").getMetrics()).hasSize(6);
        assertThat(value(metrics, "sluice_heartbeats_total", Map.of())).isPositive();
        // The initial snapshot read items' 7 rows, one chunk per table of the three.
        assertThat(value(metrics, "sluice_snapshot_rows_total", Map.of())).isEqualTo(7);
        assertThat(value(metrics, "sluice_snapshot_chunks_planned", Map.of())).isEqualTo(3);
        assertThat(value(metrics, "sluice_snapshot_chunks_done", Map.of())).isEqualTo(3);
        assertThat(value(metrics, "sluice_snapshot_tables_left", Map.of())).isZero();
        assertThat(metrics).containsKeys("sluice_lag_milliseconds", "sluice_errors_total", "sluice_snapshot_rows_total",
                "sluice_snapshot_rows_estimated", "sluice_snapshot_chunks_done", "sluice_snapshot_chunks_planned",
                "sluice_snapshot_tables_left", "sluice_incremental_snapshot_rows_total", "sluice_incremental_snapshot_jobs",
                "sluice_skipped_changes_total", "sluice_sink_reachable", "sluice_info");

        Histogram latency = (Histogram) metrics.get("sluice_sink_latency_seconds").getMetrics().get(0);
        assertThat(latency.getSampleCount()).isPositive();
        List<Histogram.Bucket> buckets = latency.getBuckets();
        assertThat(buckets.get(buckets.size() - 1).getUpperBound()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(buckets.get(buckets.size() - 1).getCumulativeCount()).isEqualTo(latency.getSampleCount());
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).getUpperBound()).isGreaterThan(buckets.get(i - 1).getUpperBound());
            assertThat(buckets.get(i).getCumulativeCount()).as("cumulative").isGreaterThanOrEqualTo(buckets.get(i - 1).getCumulativeCount());
        }
        assertThat(buckets.get(0).getUpperBound()).isEqualTo(0.001);
    }

    @Test
    void writesNeedTheBearerTokenAndReadsDoNot() {
        Http.Answer none = http.send("POST", "/debug/off", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("Authorization: Bearer");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

        Http.Answer wrong = http.send("POST", "/debug/off", null, "not-the-secret");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("wrong token");
        assertThat(http.send("DELETE", "/tables/public.items", null, "secre").status()).isEqualTo(401);

        assertThat(http.write("POST", "/debug/off", null).status()).isEqualTo(200);
        assertThat(http.get("/stats").status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        Http.Answer unknown = http.get("/nothing/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).startsWith("no such path: /nothing/here").contains("/tables");
        assertThat(http.get("/healthz").status()).isEqualTo(404);

        Http.Answer wrongMethod = http.write("DELETE", "/health", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
        assertThat(wrongMethod.error()).isEqualTo("DELETE is not allowed on /health; use GET");

        Http.Answer getAWrite = http.get("/suspend");
        assertThat(getAWrite.status()).isEqualTo(405);
        assertThat(getAWrite.header("Allow")).isEqualTo("POST");
    }

    @Test
    void malformedBodiesAre400WithTheReason() {
        Http.Answer notJson = http.write("POST", "/tables", "{\"table\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).startsWith("malformed JSON in the request body");

        assertThat(http.write("POST", "/tables", "[\"items\"]").error()).isEqualTo("the request body must be a JSON object, not an array");
        assertThat(http.write("POST", "/suspend", "{\"drop-slot\": true}").error())
                .isEqualTo("unknown field 'drop-slot'; known fields: drop_slot");
        assertThat(http.write("POST", "/suspend", "{\"drop_slot\": \"yes\"}").error())
                .isEqualTo("field 'drop_slot' must be true or false, not a string");
        assertThat(http.write("DELETE", "/tables/public.%C3%28", null).error())
                .isEqualTo("the path segment 'public.%C3%28' is not UTF-8 once decoded");
    }

    @Test
    void debugOnSwitchesTheSluiceLoggersToDebugWhileRunningAndOffSwitchesBack() {
        Logger engineLog = LoggerFactory.getLogger(SluiceEngine.class);
        Logger kafkaLog = LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer");
        assertThat(engineLog.isDebugEnabled()).isFalse();
        Lines lines = Lines.capture();
        try {
            Http.Answer on = http.write("POST", "/debug/on", null);
            assertThat(on.status()).isEqualTo(200);
            assertThat(on.json().get("debug").asBoolean()).isTrue();
            assertThat(on.json().get("level").asText()).isEqualTo("DEBUG");
            assertThat(engineLog.isDebugEnabled()).as("a logger made before the switch").isTrue();
            assertThat(kafkaLog.isDebugEnabled()).as("other libraries keep their levels").isFalse();
            http.get("/health");
            sluice.await(() -> lines.contains("DEBUG dev.sluice.server.http.AdminServer - HTTP GET /health"), "a debug line");
        } finally {
            Http.Answer off = http.write("POST", "/debug/off", null);
            assertThat(off.json().get("level").asText()).isEqualTo("INFO");
            lines.close();
        }
        assertThat(engineLog.isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("dev.sluice.anything.New").isDebugEnabled()).isFalse();
    }

    /** The families of a Prometheus text exposition, checking that the parser took every sample line. */
    private static Map<String, MetricFamily> parse(String text) throws IOException {
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Map<String, MetricFamily> families = new java.util.LinkedHashMap<>();
        int samples = 0;
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
            assertThat(families).as("one block per family").doesNotContainKey(family.getName());
            families.put(family.getName(), family);
            for (Metric metric : family.getMetrics()) {
                samples += metric instanceof Histogram histogram ? histogram.getBuckets().size() + 2 : 1;
            }
        }
        long lines = text.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
        // The parser skips a line it cannot read (logging at debug): every line must have become a sample.
        assertThat(samples).as("samples the parser read, of:\n" + text).isEqualTo(lines);
        return families;
    }

    private static double value(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        MetricFamily family = families.get(name);
        assertThat(family).as(name).isNotNull();
        List<Map<String, String>> seen = new ArrayList<>();
        for (Metric metric : family.getMetrics()) {
            if (metric.getLabels().equals(labels)) {
                return metric instanceof Counter counter ? counter.getValue() : ((Gauge) metric).getValue();
            }
            seen.add(metric.getLabels());
        }
        throw new AssertionError(name + " has no sample " + labels + "; it has " + seen);
    }

    /** Log lines as the console shows them, captured from log4j's root logger while open. */
    private static final class Lines extends AbstractAppender implements AutoCloseable {

        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Lines() {
            super("test-lines", null, null, true, Property.EMPTY_ARRAY);
        }

        static Lines capture() {
            Lines lines = new Lines();
            lines.start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().addAppender(lines, null, null);
            context.updateLoggers();
            return lines;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getMessage().getFormattedMessage());
        }

        boolean contains(String start) {
            return lines.stream().anyMatch(line -> line.startsWith(start));
        }

        @Override
        public void close() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }
    }
}
