package dev.sluice.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.event.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of the native JSON format, event after event through one encoder (which reuses
 * its buffers and caches per transaction): what consumers parse must not change when the encoder
 * gets faster.
 */
class JsonEncoderTest {

    private static final ValueType NUMBER = new TestType("int8", (text, out) -> out.writeNumber(text));
    private static final ValueType TEXT = new TestType("text", (text, out) -> out.writeString(text));
    private static final ValueType STRICT = new TestType("strict", (text, out) -> {
        if (text.equals("bad")) {
            throw new IllegalArgumentException("malformed value: bad");
        }
        out.writeString(text);
    });

    private static final RowSchema ORDERS = new RowSchema(new TableId("public", "orders"), List.of(
            new ColumnSchema("id", NUMBER, true), new ColumnSchema("note", TEXT, false), new ColumnSchema("body", TEXT, false)));
    private static final RowSchema ODD = new RowSchema(new TableId("Mixed \"Schema\"", "Dotted.Tablé"), List.of(
            new ColumnSchema("k\"ey", TEXT, true), new ColumnSchema("naïve \\ col", STRICT, false)));
    private static final RowSchema UNKEYED = new RowSchema(new TableId("public", "log"), List.of(new ColumnSchema("line", TEXT, false)));

    private static final Lsn LSN = Lsn.parse("0/1A2B3C4");
    private static final long COMMIT = 1_795_282_380_123_456L; // 2026-11-21T17:33:00.123456Z

    private final JsonEncoder encoder = new JsonEncoder("shop", Clock.fixed(Instant.ofEpochMilli(1_795_282_380_125L), ZoneOffset.UTC));

    private static ChangeEvent event(Operation op, RowSchema schema, Row before, Row after, Lsn lsn, long tx, long commit, boolean snapshot) {
        return new ChangeEvent(op, schema, before, after, lsn, tx, commit, snapshot);
    }

    private String value(ChangeEvent event) {
        return new String(encoder.value(event), StandardCharsets.UTF_8);
    }

    private String key(ChangeEvent event) {
        byte[] key = encoder.key(event);
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Test
    void eventsOfOneTransactionThenTheNextEncodeExactly() {
        ChangeEvent insert = event(Operation.CREATE, ORDERS, null, new Row(new String[] {"42", "gift \"wrapped\"\n", null}), LSN, 771, COMMIT, false);
        ChangeEvent update = event(Operation.UPDATE, ORDERS, null, new Row(new String[] {"42", "second", null},
                new boolean[] {false, false, true}), LSN, 771, COMMIT, false);
        ChangeEvent delete = event(Operation.DELETE, ORDERS, new Row(new String[] {"42", null, null}, new boolean[] {false, true, true}),
                null, Lsn.parse("0/1A2B400"), 772, COMMIT + 1_000_000 - 456, false);

        assertThat(key(insert)).isEqualTo("{\"id\":42}");
        assertThat(value(insert)).isEqualTo("{\"op\":\"c\",\"before\":null,\"after\":{\"id\":42,\"note\":\"gift \\\"wrapped\\\"\\n\",\"body\":null},"
                + "\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\",\"lsn\":\"0/1A2B3C4\",\"txId\":771,"
                + "\"commitTs\":\"2026-11-21T17:33:00.123456Z\",\"snapshot\":false},\"ts\":1795282380125}");
        assertThat(key(update)).isEqualTo("{\"id\":42}");
        assertThat(value(update)).isEqualTo("{\"op\":\"u\",\"before\":null,\"after\":{\"id\":42,\"note\":\"second\"},\"unchanged\":[\"body\"],"
                + "\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\",\"lsn\":\"0/1A2B3C4\",\"txId\":771,"
                + "\"commitTs\":\"2026-11-21T17:33:00.123456Z\",\"snapshot\":false},\"ts\":1795282380125}");
        assertThat(key(delete)).isEqualTo("{\"id\":42}");
        assertThat(value(delete)).isEqualTo("{\"op\":\"d\",\"before\":{\"id\":42},\"after\":null,"
                + "\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\",\"lsn\":\"0/1A2B400\",\"txId\":772,"
                + "\"commitTs\":\"2026-11-21T17:33:01.123Z\",\"snapshot\":false},\"ts\":1795282380125}");
    }

    @Test
    void tablesInterleavedInOneTransactionKeepTheirOwnNamesAndSource() {
        ChangeEvent odd = event(Operation.CREATE, ODD, null, new Row(new String[] {"k1", "😀 tab\t"}), LSN, 9, COMMIT, false);
        ChangeEvent orders = event(Operation.CREATE, ORDERS, null, new Row(new String[] {"1", "n", "b"}), LSN, 9, COMMIT, false);
        for (int round = 0; round < 2; round++) {
            assertThat(key(odd)).isEqualTo("{\"k\\\"ey\":\"k1\"}");
            assertThat(value(odd)).isEqualTo("{\"op\":\"c\",\"before\":null,\"after\":{\"k\\\"ey\":\"k1\",\"naïve \\\\ col\":\"😀 tab\\t\"},"
                    + "\"source\":{\"db\":\"shop\",\"schema\":\"Mixed \\\"Schema\\\"\",\"table\":\"Dotted.Tablé\",\"lsn\":\"0/1A2B3C4\",\"txId\":9,"
                    + "\"commitTs\":\"2026-11-21T17:33:00.123456Z\",\"snapshot\":false},\"ts\":1795282380125}");
            assertThat(value(orders)).contains("\"after\":{\"id\":1,\"note\":\"n\",\"body\":\"b\"},\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\"");
        }
    }

    @Test
    void snapshotReadsTruncatesAndUnkeyedTables() {
        ChangeEvent read = event(Operation.READ, ORDERS, null, new Row(new String[] {"7", "x", "y"}), LSN, 0, 0, true);
        ChangeEvent truncate = event(Operation.TRUNCATE, ORDERS, null, null, LSN, 5, COMMIT - 123_456, false);
        ChangeEvent unkeyed = event(Operation.CREATE, UNKEYED, null, new Row(new String[] {"hello"}), LSN, 5, COMMIT - 123_456, false);

        assertThat(value(read)).isEqualTo("{\"op\":\"r\",\"before\":null,\"after\":{\"id\":7,\"note\":\"x\",\"body\":\"y\"},"
                + "\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\",\"lsn\":\"0/1A2B3C4\",\"txId\":0,"
                + "\"commitTs\":null,\"snapshot\":true},\"ts\":1795282380125}");
        assertThat(key(truncate)).isNull();
        assertThat(value(truncate)).isEqualTo("{\"op\":\"t\",\"before\":null,\"after\":null,"
                + "\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"orders\",\"lsn\":\"0/1A2B3C4\",\"txId\":5,"
                + "\"commitTs\":\"2026-11-21T17:33:00Z\",\"snapshot\":false},\"ts\":1795282380125}");
        assertThat(key(unkeyed)).isNull();
        assertThat(value(unkeyed)).startsWith("{\"op\":\"c\",\"before\":null,\"after\":{\"line\":\"hello\"},\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":\"log\"");
    }

    @Test
    void aValueThatFailsToRenderLeavesTheEncoderUsableForTheNextEvent() {
        ChangeEvent bad = event(Operation.CREATE, ODD, null, new Row(new String[] {"k", "bad"}), LSN, 1, COMMIT, false);
        ChangeEvent good = event(Operation.CREATE, ODD, null, new Row(new String[] {"k", "good"}), LSN, 1, COMMIT, false);
        assertThatThrownBy(() -> encoder.value(bad)).hasMessageContaining("malformed value");
        assertThat(value(good)).startsWith("{\"op\":\"c\",\"before\":null,\"after\":{\"k\\\"ey\":\"k\",\"naïve \\\\ col\":\"good\"},");
        assertThat(key(good)).isEqualTo("{\"k\\\"ey\":\"k\"}");
    }

    @Test
    void everyCallReturnsItsOwnArray() {
        ChangeEvent first = event(Operation.CREATE, ORDERS, null, new Row(new String[] {"1", "a", "b"}), LSN, 1, COMMIT, false);
        ChangeEvent second = event(Operation.CREATE, ORDERS, null, new Row(new String[] {"2", "c", "d"}), LSN, 1, COMMIT, false);
        byte[] one = encoder.value(first);
        String copy = new String(one, StandardCharsets.UTF_8);
        encoder.value(second);
        assertThat(new String(one, StandardCharsets.UTF_8)).isEqualTo(copy);
    }

    /** A value type for tests: a name and a rendering. */
    private record TestType(String name, Writer writer) implements ValueType {
        @Override
        public void writeJson(String text, JsonGenerator out) throws IOException {
            writer.write(text, out);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(String text, JsonGenerator out) throws IOException;
    }
}
