package dev.sluice.server.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A table's rows as comparable text: from the database, or rebuilt from a topic the way a
 * compacted-topic consumer would (last value per key wins, a delete or tombstone removes the key).
 * Values are normalised (numbers by value) so that both sides compare equal when the data is.
 */
final class TableState {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TableState() {
    }

    /** key column value → row as column → text, from the database. */
    static Map<String, Map<String, String>> fromTable(Connection connection, String table, String keyColumn) throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), normalise(rs.getObject(i)));
                }
                rows.put(row.get(keyColumn), row);
            }
        }
        return rows;
    }

    /** The same, rebuilt from a topic's records in offset order. */
    static Map<String, Map<String, String>> fromTopic(List<ConsumerRecord<byte[], byte[]>> records, String keyColumn) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = normalise(parse(record.key()).get(keyColumn));
            if (record.value() == null) {
                rows.remove(key);
                continue;
            }
            JsonNode value = parse(record.value());
            JsonNode after = value.get("after");
            if (after == null || after.isNull()) {
                rows.remove(key);
                continue;
            }
            Map<String, String> row = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : after.properties()) {
                row.put(field.getKey(), normalise(field.getValue()));
            }
            rows.put(key, row);
        }
        return rows;
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            if (node.isNull()) {
                return null;
            }
            if (node.isNumber()) {
                return normalise(node.decimalValue());
            }
            return node.isTextual() ? node.asText() : node.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return normalise(new BigDecimal(number.toString()));
        }
        return value.toString();
    }
}
