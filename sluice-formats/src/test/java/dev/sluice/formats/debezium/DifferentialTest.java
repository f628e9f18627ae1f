package dev.sluice.formats.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.formats.testing.DebeziumRun;
import dev.sluice.formats.testing.JsonDifferences;
import dev.sluice.formats.testing.JsonDifferences.Difference;
import dev.sluice.formats.testing.SluicePipeline;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium embedded 3.6.3.Final and Sluice's {@code debezium-json} on the same database and
 * workload (snapshot, then inserts, updates, deletes, a key change and an unchanged TOASTed
 * value, over the common types), under three settings of {@code decimal.handling.mode} and
 * {@code time.precision.mode}: every record compared field by field, schema included. A
 * difference fails the test unless it is one of {@link #KNOWN}, each with the reason the README
 * gives.
 */
class DifferentialTest {

    private static final Logger LOG = LoggerFactory.getLogger(DifferentialTest.class);
    private static final TestPostgres PG = TestPostgres.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final List<String> TABLES = List.of("public.customers", "public.orders", "public.docs");

    /** A difference Sluice keeps on purpose: where it occurs (path, and which records) and why. */
    private record Known(Pattern path, Predicate<JsonNode> inRecord, String reason) {
        boolean matches(Difference d, JsonNode debeziumValue) {
            return path.matcher(d.path()).matches() && inRecord.test(debeziumValue);
        }
    }

    private static final Predicate<JsonNode> ANY = v -> true;
    private static final Predicate<JsonNode> SNAPSHOT = v -> v.at("/payload/op").asText().equals("r");

    static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile("payload\\.ts_(ms|us|ns)"), ANY,
                    "when the record was made: each tool's own clock"),
            new Known(Pattern.compile("payload\\.source\\.version"), ANY,
                    "Sluice writes its own version, not Debezium's"),
            new Known(Pattern.compile("payload\\.source\\.ts_(ms|us|ns)"), SNAPSHOT,
                    "snapshot rows carry the time each tool's snapshot began"),
            new Known(Pattern.compile("payload\\.source\\.(lsn|sequence)"), SNAPSHOT,
                    "snapshot rows carry the consistent point of each tool's own replication slot"),
            new Known(Pattern.compile("payload\\.source\\.(lsn|sequence)"), ANY,
                    "Sluice's lsn is the commit position of the change's transaction (sequence: [previous commit, commit]);"
                            + " Debezium's is the change's own WAL position (sequence: [transaction start, change]); both increase"
                            + " with commit order, Sluice's is the same for all changes of a transaction"),
            new Known(Pattern.compile("payload\\.source\\.txId"), SNAPSHOT,
                    "Debezium reports its snapshot transaction's id; Sluice reads the slot's exported snapshot, which has none: null"),
            new Known(Pattern.compile("payload\\.source\\.snapshot"),
                    v -> v.at("/payload/source/snapshot").asText().startsWith("last"),
                    "Debezium marks the last snapshot row (of each table) 'last'/'last_in_data_collection'; Sluice would have to read ahead: 'true'"));

    private record Variant(String name, DecimalHandling decimals, TimePrecision times) {
        Map<String, String> debeziumProperties() {
            return Map.of("decimal.handling.mode", decimals.name().toLowerCase(java.util.Locale.ROOT),
                    "time.precision.mode", times.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("a", DecimalHandling.PRECISE, TimePrecision.ADAPTIVE),
            new Variant("b", DecimalHandling.STRING, TimePrecision.CONNECT),
            new Variant("c", DecimalHandling.DOUBLE, TimePrecision.ADAPTIVE_TIME_MICROSECONDS));

    @TempDir
    Path state;

    @Test
    void sluiceWritesWhatDebeziumWritesForSnapshotAndStream() throws Exception {
        String db = PG.createDatabase("differential");
        createSchema(db);
        List<DebeziumRun> debeziums = new ArrayList<>();
        List<SluicePipeline> sluices = new ArrayList<>();
        try {
            for (Variant variant : VARIANTS) {
                debeziums.add(new DebeziumRun(PG, db, "dbz_" + variant.name(), db + "_" + variant.name(), TABLES,
                        variant.debeziumProperties()));
                DebeziumOptions options = new DebeziumOptions(true, variant.decimals(), variant.times(), "sluice-test");
                sluices.add(new SluicePipeline(PG, TestKafka.shared(), db, TABLES, "sluice_" + variant.name(),
                        db + "_" + variant.name(), state,
                        router -> new DebeziumJsonEncoder(db, db + "_" + variant.name(), router::topic, options, Clock.systemUTC()), null));
            }
            for (SluicePipeline sluice : sluices) {
                sluice.awaitStreaming(DEADLINE);
            }
            awaitDebeziumStreaming(debeziums, 7);
            runWorkload(db);
            for (SluicePipeline sluice : sluices) {
                assertThat(sluice.failure()).as("Sluice pipeline failure").isNull();
            }
            Map<String, List<String>> differencesByReason = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            for (int v = 0; v < VARIANTS.size(); v++) {
                compare(VARIANTS.get(v), db, debeziums.get(v), sluices.get(v), differencesByReason, unexpected);
            }
            differencesByReason.forEach((reason, examples) -> LOG.info("known difference ({} fields): {}; e.g. {}",
                    examples.size(), reason, examples.get(0)));
            assertThat(unexpected).as("differences from Debezium that are neither fixed nor listed").isEmpty();
        } finally {
            for (SluicePipeline sluice : sluices) {
                sluice.close();
            }
            for (DebeziumRun debezium : debeziums) {
                debezium.close();
            }
        }
    }

    private void compare(Variant variant, String db, DebeziumRun debezium, SluicePipeline sluice, Map<String, List<String>> known,
            List<String> unexpected) {
        String prefix = db + "_" + variant.name();
        List<String> topics = TABLES.stream().map(t -> prefix + "." + t).toList();
        String marker = prefix + ".public.customers";
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (debezium.records().stream().noneMatch(r -> r.topic().equals(marker) && r.key() != null && r.key().contains("\"id\":999"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Debezium " + variant + " did not emit the marker row; it emitted " + debezium.size());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        List<ConsumerRecord<byte[], byte[]>> ours = new TopicReader(TestKafka.shared().bootstrapServers()).readUntil(topics,
                rs -> sluice.failure() != null || rs.stream().anyMatch(r -> r.topic().equals(marker) && r.key() != null
                        && new String(r.key(), StandardCharsets.UTF_8).contains("\"id\":999")), DEADLINE);
        assertThat(sluice.failure()).as("Sluice pipeline " + variant + " failed").isNull();
        for (String topic : topics) {
            List<DebeziumRun.Output> theirs = debezium.records().stream().filter(r -> r.topic().equals(topic)).toList();
            List<ConsumerRecord<byte[], byte[]>> mine = ours.stream().filter(r -> r.topic().equals(topic)).toList();
            if (theirs.size() != mine.size()) {
                unexpected.add(topic + ": Debezium wrote " + theirs.size() + " records, Sluice " + mine.size());
            }
            for (int i = 0; i < Math.min(theirs.size(), mine.size()); i++) {
                String where = variant.name() + " " + topic + "#" + i;
                compareJson(where + " key", mine.get(i).key(), theirs.get(i).key(), null, known, unexpected);
                JsonNode theirValue = theirs.get(i).value() == null ? null : parse(theirs.get(i).value());
                compareJson(where + " value", mine.get(i).value(), theirs.get(i).value(), theirValue, known, unexpected);
            }
        }
    }

    private static void compareJson(String where, byte[] ours, String theirs, JsonNode theirValue, Map<String, List<String>> known,
            List<String> unexpected) {
        if (ours == null || theirs == null) {
            if (ours != null || theirs != null) {
                unexpected.add(where + ": sluice=" + (ours == null ? null : new String(ours, StandardCharsets.UTF_8)) + " debezium=" + theirs);
            }
            return;
        }
        for (Difference d : JsonDifferences.of(parse(ours), parse(theirs))) {
            Known reason = KNOWN.stream().filter(k -> theirValue != null && k.matches(d, theirValue)).findFirst().orElse(null);
            if (reason == null) {
                unexpected.add(where + " " + d);
            } else {
                known.computeIfAbsent(reason.reason(), r -> new ArrayList<>()).add(where + " " + d);
            }
        }
    }

    private static void awaitDebeziumStreaming(List<DebeziumRun> debeziums, int snapshotRows) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (DebeziumRun debezium : debeziums) {
            while (debezium.size() < snapshotRows) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Debezium did not finish its snapshot: " + debezium.size() + " records");
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        // Debezium's snapshot is done; its slot is streaming once it is active.
        for (int i = 0; i < debeziums.size(); i++) {
            String slot = "dbz_" + VARIANTS.get(i).name();
            while (!slotActive(slot)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Debezium slot " + slot + " not streaming");
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    private static boolean slotActive(String slot) {
        try (Connection c = PG.connect("postgres"); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static void createSchema(String db) throws Exception {
        execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        execute(db, """
                CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email varchar(100), vip boolean NOT NULL,
                  score smallint, visits bigint, balance numeric(12,2), ratio numeric, weight real, height double precision,
                  born date, wakes time, wakes_ms time(3), lunch timetz, created timestamp, created_ms timestamp(3),
                  seen timestamptz, seen_ms timestamptz(3), tenure interval, token uuid, prefs jsonb, raw json, avatar bytea,
                  code char(5), tags text[], lucky int[], feeling mood, note text, cash money, flags bit(4), flag bit(1),
                  doc xml, addr inet, span int4range, codes varchar(5)[], ratios numeric(5,2)[], days date[])""");
        execute(db, """
                CREATE TABLE orders (order_id bigint, line smallint, customer_id int NOT NULL, amount numeric(10,2) NOT NULL,
                  placed timestamptz NOT NULL, PRIMARY KEY (order_id, line))""");
        execute(db, "CREATE TABLE docs (id int PRIMARY KEY, body text, title text NOT NULL)");
        execute(db, "INSERT INTO customers VALUES " + customer(1, "'Ada'") + ", " + customer(2, "'Grace'") + ", "
                + "(3, 'Null Nelly', NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL)");
        execute(db, "INSERT INTO orders VALUES (100, 1, 1, 12.50, '2024-01-02 03:04:05.678+00'), (100, 2, 1, 0.99, '2024-01-02 03:04:05+00')");
        execute(db, "INSERT INTO docs SELECT 1, string_agg(md5(g::text), ''), 'v1' FROM generate_series(1, 3000) g");
        execute(db, "INSERT INTO docs VALUES (2, 'short', 'v1')");
    }

    private static String customer(int id, String name) {
        return "(" + id + ", " + name + ", 'a" + id + "@example.com', true, -32768, 9223372036854775807, 1234567890.12,"
                + " 3.14159265358979323846264338327950288, 1.5, 2.718281828459045, '2024-02-29', '13:45:00.123456',"
                + " '13:45:00.123', '13:45:00.5+05:30', '2024-02-29 13:45:00.123456', '2024-02-29 13:45:00.123',"
                + " '2024-02-29 13:45:00.123456+00', '2024-02-29 13:45:00.123+00', '1 year 2 mons 3 days 04:05:06.5',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"b\": [1, 2.50], \"a\": null}', '{\"a\":  1, \"a\": 2}',"
                + " '\\x00ff10', 'ab', '{x,\"y z\",NULL}', '{1,NULL,-3}', 'happy', 'é ☃ 😀 \"q\" \\ tab\t', -1234.56, B'1010', B'1',"
                + " '<a>x</a>', '192.168.0.1/24', '[1,5)', '{ab,NULL}', '{1.5,-2.25}', '{2024-02-29,NULL}')";
    }

    private static void runWorkload(String db) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customers VALUES " + customer(10, "'Linus'"));
            s.execute("INSERT INTO customers (id, name, vip, ratio, weight, height, born, created, seen, tenure)"
                    + " VALUES (11, 'Edge', false, 'NaN', 'NaN', '-Infinity', '0044-03-15 BC', '1969-12-31 23:59:59.999999',"
                    + " '1900-01-01 00:00:00+00', '-1 days -02:03:04.5')");
            c.setAutoCommit(false);
            s.execute("UPDATE customers SET score = 7, balance = -0.01, ratio = 0, note = 'updated' WHERE id = 1");
            s.execute("INSERT INTO orders VALUES (101, 1, 2, 99999999.99, now())");
            s.execute("DELETE FROM orders WHERE order_id = 100 AND line = 2");
            s.execute("UPDATE orders SET amount = amount + 1 WHERE order_id = 100");
            c.commit();
            c.setAutoCommit(true);
            s.execute("UPDATE customers SET id = 20 WHERE id = 2");
            s.execute("DELETE FROM customers WHERE id = 3");
            s.execute("UPDATE docs SET title = 'v2' WHERE id = 1");
            s.execute("UPDATE docs SET body = NULL, title = 'v3' WHERE id = 2");
            s.execute("DELETE FROM docs WHERE id = 1");
            s.execute("INSERT INTO customers (id, name, vip) VALUES (999, 'marker', false)");
        }
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
