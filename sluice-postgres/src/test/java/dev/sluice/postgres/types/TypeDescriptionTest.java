package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.IntervalValue;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.event.ValueKind;
import dev.sluice.core.event.ValueType;
import dev.sluice.postgres.catalog.RowSchemas;
import dev.sluice.testkit.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What encoders with a schema learn from a column's type: its kind, the precision and scale its
 * type modifier declares (from the catalog and from pgoutput's Relation message alike), enum
 * labels, nullability, and each value's text as a Java value.
 */
class TypeDescriptionTest {

    @Test
    void columnModifiersDescribePrecisionScaleAndFractionalDigits() throws SQLException {
        try (Connection c = connectNew("type_modifiers")) {
            execute(c, "CREATE DOMAIN amount AS numeric(12,2)", """
                    CREATE TABLE m (id int PRIMARY KEY, n numeric(10,2) NOT NULL, free numeric, ts timestamp(3), tz timestamptz,
                      t0 time(0), vc varchar(20), c char(4), iv interval(3), bt bit(5), na numeric(6,1)[], dom amount, txt text)""");
            RowSchema schema = schemas(c).fromCatalog(new TableId("public", "m"), relation(c, "m"));

            assertThat(describe(schema)).containsExactly(
                    "id int4 INT32 -1 -1 key", "n numeric NUMERIC 10 2 notnull", "free numeric NUMERIC -1 -1 null",
                    "ts timestamp TIMESTAMP 3 -1 null", "tz timestamptz TIMESTAMPTZ -1 -1 null", "t0 time TIME 0 -1 null",
                    "vc varchar TEXT 20 -1 null", "c bpchar TEXT 4 -1 null", "iv interval INTERVAL 3 -1 null",
                    "bt bit OTHER 5 -1 null", "na _numeric ARRAY -1 -1 null", "dom public.amount NUMERIC 12 2 null",
                    "txt text TEXT -1 -1 null");
            ValueType element = schema.column(10).type().element();
            assertThat(element.kind()).isEqualTo(ValueKind.NUMERIC);
            assertThat(element.precision()).isEqualTo(6);
            assertThat(element.scale()).isEqualTo(1);
        }
    }

    @Test
    void aRelationMessageDescribesColumnsAsTheCatalogDoes() throws SQLException {
        try (Connection c = connectNew("type_relation")) {
            execute(c, "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                    "CREATE TABLE r (id int PRIMARY KEY, n numeric(10,2), ts timestamptz(3), m mood NOT NULL, a text[])");
            int oid = relation(c, "r");
            RowSchemas schemas = schemas(c);
            List<String> names = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<Integer> modifiers = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT attname, atttypid, atttypmod FROM pg_attribute WHERE attrelid = ? AND attnum > 0 ORDER BY attnum")) {
                s.setInt(1, oid);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        types.add((int) rs.getLong(2));
                        modifiers.add(rs.getInt(3));
                    }
                }
            }
            RowSchema fromRelation = schemas.fromRelation(new TableId("public", "r"), oid, names, types, modifiers);
            assertThat(fromRelation.columns()).isEqualTo(schemas.fromCatalog(new TableId("public", "r"), oid).columns());
            assertThat(fromRelation.column(3).nullable()).isFalse();
            assertThat(fromRelation.column(1).nullable()).isTrue();
        }
    }

    @Test
    void enumLabelsComeInTheirSortOrder() throws SQLException {
        try (Connection c = connectNew("type_enums")) {
            execute(c, "CREATE TYPE level AS ENUM ('low', 'high')", "ALTER TYPE level ADD VALUE 'mid' BEFORE 'high'");
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            ValueType level = registry.forOid(oid(c, "level"));
            assertThat(level.kind()).isEqualTo(ValueKind.ENUM);
            assertThat(level.labels()).containsExactly("low", "mid", "high");
            assertThat(registry.forOid(oid(c, "level[]")).element().labels()).containsExactly("low", "mid", "high");
        }
    }

    @Test
    void textBecomesTheJavaValueOfItsKind() throws SQLException {
        try (Connection c = connectNew("type_java")) {
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            assertThat(java(c, registry, "int2", "-32768")).isEqualTo((short) -32768);
            assertThat(java(c, registry, "int4", "7")).isEqualTo(7);
            assertThat(java(c, registry, "int8", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(java(c, registry, "oid", "4294967295")).isEqualTo(4294967295L);
            assertThat(java(c, registry, "numeric", "-0.000100")).isEqualTo(new BigDecimal("-0.000100"));
            assertThat(java(c, registry, "numeric", "NaN")).isEqualTo("NaN");
            assertThat(java(c, registry, "float4", "-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(java(c, registry, "float8", "5e-324")).isEqualTo(Double.MIN_VALUE);
            assertThat(java(c, registry, "bool", "f")).isEqualTo(false);
            assertThat((byte[]) java(c, registry, "bytea", "\\x00ff10")).containsExactly(0, -1, 16);
            assertThat((byte[]) java(c, registry, "bytea", "a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
            assertThat(java(c, registry, "date", "0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
            assertThat(java(c, registry, "date", "infinity")).isEqualTo("infinity");
            assertThat(java(c, registry, "time", "23:59:59.999999")).isEqualTo(LocalTime.parse("23:59:59.999999"));
            assertThat(java(c, registry, "time", "24:00:00")).isEqualTo("24:00:00");
            assertThat(java(c, registry, "timetz", "13:45:00.5+05:30")).isEqualTo(OffsetTime.parse("13:45:00.5+05:30"));
            assertThat(java(c, registry, "timestamp", "2024-02-29 13:45:00.123456")).isEqualTo(LocalDateTime.parse("2024-02-29T13:45:00.123456"));
            assertThat(java(c, registry, "timestamptz", "4714-11-24 00:00:00+00 BC")).isEqualTo(Instant.parse("-4713-11-24T00:00:00Z"));
            assertThat(java(c, registry, "timestamptz", "-infinity")).isEqualTo("-infinity");
            assertThat(java(c, registry, "interval", "P1Y2M3DT4H5M6.789S")).isEqualTo(new IntervalValue(14, 3, 14_706_789_000L));
            assertThat(java(c, registry, "interval", "P-1Y-2M3DT-4H-5M-6.5S")).isEqualTo(new IntervalValue(-14, 3, -14_706_500_000L));
            assertThat(java(c, registry, "interval", "PT0S")).isEqualTo(new IntervalValue(0, 0, 0));
            assertThat(java(c, registry, "uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
                    .isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
            assertThat(java(c, registry, "jsonb", "{\"a\": 1}")).isEqualTo("{\"a\": 1}");
            assertThat(java(c, registry, "int4[]", "{{1,NULL},{3,4}}")).isEqualTo(List.of(Arrays.asList(1, null), List.of(3, 4)));
            assertThat(java(c, registry, "text[]", "{\"a b\",\"c\\\"d\",NULL,\"NULL\"}")).isEqualTo(Arrays.asList("a b", "c\"d", null, "NULL"));
            assertThat(java(c, registry, "int4[]", "[0:1]={1,2}")).isEqualTo(List.of(1, 2));
            assertThat(java(c, registry, "int4[]", "{}")).isEqualTo(List.of());
        }
    }

    @Test
    void malformedTextIsRefusedWithoutShowingTheValue() throws SQLException {
        try (Connection c = connectNew("type_malformed")) {
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            assertThatThrownBy(() -> java(c, registry, "interval", "1 year")).isInstanceOf(MalformedValueException.class)
                    .hasMessageNotContaining("1 year");
            assertThatThrownBy(() -> java(c, registry, "int4", "seven")).isInstanceOf(MalformedValueException.class)
                    .hasMessageNotContaining("seven");
        }
    }

    private static Object java(Connection c, PgTypeRegistry registry, String type, String text) throws SQLException {
        return registry.forOid(oid(c, type)).toJava(text);
    }

    private static List<String> describe(RowSchema schema) {
        List<String> out = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            ValueType type = column.type();
            out.add(column.name() + " " + type.name() + " " + type.kind() + " " + type.precision() + " " + type.scale() + " "
                    + (column.key() ? "key" : column.nullable() ? "null" : "notnull"));
        }
        return out;
    }

    private static RowSchemas schemas(Connection c) {
        return new RowSchemas(c, PgTypeRegistry.load(c));
    }

    private static Connection connectNew(String prefix) throws SQLException {
        return TypesTestDatabase.connect(TestPostgres.shared().createDatabase(prefix));
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static int relation(Connection c, String table) throws SQLException {
        return oid(c, table, "regclass");
    }

    private static int oid(Connection c, String type) throws SQLException {
        return oid(c, type, "regtype");
    }

    private static int oid(Connection c, String name, String cast) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT '" + name + "'::" + cast + "::oid")) {
            rs.next();
            return (int) rs.getLong(1);
        }
    }
}
