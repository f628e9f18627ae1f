package dev.sluice.postgres.types;

import static dev.sluice.postgres.types.TypesTestDatabase.parse;
import static dev.sluice.postgres.types.TypesTestDatabase.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.core.event.ValueType;
import dev.sluice.testkit.TestPostgres;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * Every type of the mapping, with its edge values, through a real PostgreSQL: the value is stored,
 * read back as Sluice reads it (COPY text format under the session settings), rendered, compared
 * with the JSON a consumer must see, and where the JSON can be read back by PostgreSQL, converted
 * back and compared with the original.
 */
class PgTypeRenderingTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private static Connection connection;
    private static PgTypeRegistry registry;
    private static int majorVersion;

    @BeforeAll
    static void createTypes() throws SQLException {
        String database = TestPostgres.shared().createDatabase("type_rendering");
        majorVersion = TestPostgres.shared().majorVersion();
        connection = TypesTestDatabase.connect(database);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE EXTENSION hstore");
            st.execute("CREATE EXTENSION citext");
            st.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'très \"bien\", {oui}')");
            st.execute("CREATE DOMAIN amount AS numeric(12,2)");
            st.execute("CREATE DOMAIN positive_amount AS amount CHECK (VALUE > 0)");
            st.execute("CREATE DOMAIN int_list AS int4[]");
            st.execute("CREATE TYPE pair AS (a int4, b text)");
        }
        registry = PgTypeRegistry.load(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /** A stored value, the JSON it must render as (null: the text as a JSON string), and how to read it back. */
    record Case(String type, String sql, String expected, RoundTrip roundTrip, int since) {

        Case rt(RoundTrip other) {
            return new Case(type, sql, expected, other, since);
        }

        Case since(int major) {
            return new Case(type, sql, expected, roundTrip, major);
        }

        @Override
        public String toString() {
            String shown = sql.length() > 60 ? sql.substring(0, 57) + "..." : sql;
            return type + " " + shown;
        }
    }

    enum RoundTrip { NONE, CAST, RAW, BASE64, ISO, ARRAY, HSTORE }

    private static Case c(String type, String sql, String expected) {
        return new Case(type, sql, expected, RoundTrip.CAST, 0);
    }

    private static Case text(String type, String sql) {
        return new Case(type, sql, null, RoundTrip.CAST, 0);
    }

    private static String quoted(String json) {
        return '"' + json + '"';
    }

    static Stream<Case> cases() {
        return Stream.of(integers(), numerics(), floats(), strings(), binary(), dates(), times(), intervals(),
                        json(), textForms(), hstores(), userTypes(), arrays())
                .flatMap(s -> s);
    }

    private static Stream<Case> integers() {
        return Stream.of(
                c("int2", "'-32768'", "-32768"),
                c("int2", "'32767'", "32767"),
                c("int4", "'-2147483648'", "-2147483648"),
                c("int4", "'2147483647'", "2147483647"),
                c("int8", "'-9223372036854775808'", "-9223372036854775808"),
                c("int8", "'9223372036854775807'", "9223372036854775807"),
                c("int8", "'0'", "0"),
                c("oid", "'4294967295'", "4294967295"),
                c("xid", "'4294967295'", "4294967295").rt(RoundTrip.NONE),
                c("xid8", "'18446744073709551615'", "18446744073709551615").rt(RoundTrip.NONE),
                c("cid", "'4294967295'", "4294967295").rt(RoundTrip.NONE),
                c("bool", "true", "true"),
                c("bool", "false", "false"));
    }

    private static Stream<Case> numerics() {
        String nines = "9".repeat(1000);
        return Stream.of(
                c("numeric", "'12345678901234567890123456789012345678.12345678901234567890'",
                        "12345678901234567890123456789012345678.12345678901234567890"),
                c("numeric(60,20)", "'-12345678901234567890123456789012345678.1'",
                        "-12345678901234567890123456789012345678.10000000000000000000"),
                c("numeric", "'0.000'", "0.000"),
                c("numeric", "'-0.00000000000000000001'", "-0.00000000000000000001"),
                c("numeric", "'1e-130'", "0." + "0".repeat(129) + "1"),
                c("numeric", "repeat('9', 1000) || '.5'", nines + ".5"),
                c("numeric", "repeat('1', 131072)", "1".repeat(131072)).rt(RoundTrip.NONE),
                c("numeric", "'NaN'", quoted("NaN")),
                c("numeric", "'Infinity'", quoted("Infinity")).since(14),
                c("numeric", "'-Infinity'", quoted("-Infinity")).since(14),
                c("amount", "'12.5'", "12.50"),
                c("positive_amount", "'9999999999.99'", "9999999999.99"));
    }

    private static Stream<Case> floats() {
        return Stream.of(
                c("float4", "'3.4028235e38'", "3.4028235e+38"),
                c("float4", "'-3.4028235e38'", "-3.4028235e+38"),
                c("float4", "'1.17549435e-38'", "1.1754944e-38"),
                c("float4", "'1.4e-45'", "1e-45"),
                c("float4", "'0.1'", "0.1"),
                c("float4", "'-0'", "-0"),
                c("float4", "'NaN'", quoted("NaN")),
                c("float4", "'Infinity'", quoted("Infinity")),
                c("float4", "'-Infinity'", quoted("-Infinity")),
                c("float8", "'1.7976931348623157e308'", "1.7976931348623157e+308"),
                c("float8", "'-1.7976931348623157e308'", "-1.7976931348623157e+308"),
                c("float8", "'2.2250738585072014e-308'", "2.2250738585072014e-308"),
                c("float8", "'4.9e-324'", "5e-324"),
                c("float8", "'0.1'", "0.1"),
                c("float8", "'0.00001'", "1e-05"),
                c("float8", "'123456789012345680000'", "1.2345678901234568e+20"),
                c("float8", "'-0'", "-0"),
                c("float8", "'NaN'", quoted("NaN")),
                c("float8", "'Infinity'", quoted("Infinity")),
                c("float8", "'-Infinity'", quoted("-Infinity")));
    }

    private static Stream<Case> strings() {
        return Stream.of(
                c("text", "''", quoted("")),
                c("text", "'NULL'", quoted("NULL")),
                c("text", "E'\\U0001F600 \\U0001D11E \\u00e9 e\\u0301 \\u4e2d\\u6587'",
                        quoted("\uD83D\uDE00 \uD834\uDD1E \u00e9 e\u0301 \u4e2d\u6587")),
                c("text", "E'quote\" apostrophe'' backslash\\\\ tab\\t newline\\n cr\\r {a,b}'",
                        quoted("quote\\\" apostrophe' backslash\\\\ tab\\t newline\\n cr\\r {a,b}")),
                c("text", "E'\\\\N'", quoted("\\\\N")),
                c("text", "E'\\\\.'", quoted("\\\\.")),
                c("text", "E'\\x01\\x1f\\x7f'", quoted("\\u0001\\u001F\u007f")),
                c("varchar(10)", "'abc'", quoted("abc")),
                c("bpchar(6)", "'abc'", quoted("abc   ")),
                c("bpchar", "' x '", quoted(" x ")),
                c("name", "'a name'", quoted("a name")),
                c("\"char\"", "'x'", quoted("x")),
                c("citext", "'MiXeD Case'", quoted("MiXeD Case")),
                c("uuid", "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", quoted("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
    }

    private static Stream<Case> binary() {
        byte[] bytes = new byte[1200];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format(Locale.ROOT, "%02x", b));
        }
        return Stream.of(
                c("bytea", "'\\x'", quoted("")).rt(RoundTrip.BASE64),
                c("bytea", "'\\x00ff10'", quoted("AP8Q")).rt(RoundTrip.BASE64),
                c("bytea", "decode('" + hex + "', 'hex')", quoted(Base64.getEncoder().encodeToString(bytes))).rt(RoundTrip.BASE64));
    }

    private static Stream<Case> dates() {
        return Stream.of(
                c("date", "'2024-02-29'", quoted("2024-02-29")).rt(RoundTrip.ISO),
                c("date", "'0044-03-15 BC'", quoted("-0043-03-15")).rt(RoundTrip.ISO),
                c("date", "'0001-12-31 BC'", quoted("0000-12-31")).rt(RoundTrip.ISO),
                c("date", "'0001-01-01'", quoted("0001-01-01")).rt(RoundTrip.ISO),
                c("date", "'4713-01-01 BC'", quoted("-4712-01-01")).rt(RoundTrip.ISO),
                c("date", "'4714-11-24 BC'", quoted("-4713-11-24")).rt(RoundTrip.ISO),
                c("date", "'9999-12-31'", quoted("9999-12-31")).rt(RoundTrip.ISO),
                c("date", "'10000-01-01'", quoted("+10000-01-01")).rt(RoundTrip.ISO),
                c("date", "'294276-12-31'", quoted("+294276-12-31")).rt(RoundTrip.ISO),
                c("date", "'5874897-12-31'", quoted("+5874897-12-31")).rt(RoundTrip.ISO),
                c("date", "'infinity'", quoted("infinity")).rt(RoundTrip.ISO),
                c("date", "'-infinity'", quoted("-infinity")).rt(RoundTrip.ISO),
                c("timestamp", "'2024-02-29 13:45:00.123456'", quoted("2024-02-29T13:45:00.123456")).rt(RoundTrip.ISO),
                c("timestamp", "'2024-02-29 13:45:00'", quoted("2024-02-29T13:45:00")).rt(RoundTrip.ISO),
                c("timestamp", "'4713-01-01 00:00:00 BC'", quoted("-4712-01-01T00:00:00")).rt(RoundTrip.ISO),
                c("timestamp", "'4714-11-24 00:00:00 BC'", quoted("-4713-11-24T00:00:00")).rt(RoundTrip.ISO),
                c("timestamp", "'0044-03-15 12:00:00.5 BC'", quoted("-0043-03-15T12:00:00.5")).rt(RoundTrip.ISO),
                c("timestamp", "'294276-12-31 23:59:59.999999'", quoted("+294276-12-31T23:59:59.999999")).rt(RoundTrip.ISO),
                c("timestamp", "'infinity'", quoted("infinity")).rt(RoundTrip.ISO),
                c("timestamp", "'-infinity'", quoted("-infinity")).rt(RoundTrip.ISO),
                c("timestamptz", "'2024-02-29 13:45:00.123456+00'", quoted("2024-02-29T13:45:00.123456Z")).rt(RoundTrip.ISO),
                c("timestamptz", "'2024-02-29 19:15:00.5+05:30'", quoted("2024-02-29T13:45:00.5Z")).rt(RoundTrip.ISO),
                c("timestamptz", "'4714-11-24 00:00:00+00 BC'", quoted("-4713-11-24T00:00:00Z")).rt(RoundTrip.ISO),
                c("timestamptz", "'294276-12-31 23:59:59.999999+00'", quoted("+294276-12-31T23:59:59.999999Z")).rt(RoundTrip.ISO),
                c("timestamptz", "'infinity'", quoted("infinity")).rt(RoundTrip.ISO),
                c("timestamptz", "'-infinity'", quoted("-infinity")).rt(RoundTrip.ISO));
    }

    private static Stream<Case> times() {
        return Stream.of(
                c("time", "'00:00:00'", quoted("00:00:00")),
                c("time", "'23:59:59.999999'", quoted("23:59:59.999999")),
                c("time", "'24:00:00'", quoted("24:00:00")),
                c("timetz", "'13:45:00.5+05:30'", quoted("13:45:00.5+05:30")),
                c("timetz", "'13:45:00+00'", quoted("13:45:00Z")),
                c("timetz", "'12:00:00-05'", quoted("12:00:00-05:00")),
                c("timetz", "'00:00:00+15:59'", quoted("00:00:00+15:59")),
                c("timetz", "'24:00:00-15:59'", quoted("24:00:00-15:59")),
                c("timetz", "'13:45:00+05:30:17'", quoted("13:45:00+05:30:17")));
    }

    private static Stream<Case> intervals() {
        return Stream.of(
                c("interval", "'1 year 2 months 3 days 04:05:06.789'", quoted("P1Y2M3DT4H5M6.789S")),
                c("interval", "'-1 year -2 mons +3 days -04:05:06'", quoted("P-1Y-2M3DT-4H-5M-6S")),
                c("interval", "'0'", quoted("PT0S")),
                c("interval", "'-0.5 seconds'", quoted("PT-0.5S")),
                c("interval", "'178000000 years'", quoted("P178000000Y")),
                c("interval", "'-178000000 years'", quoted("P-178000000Y")),
                c("interval", "'infinity'", quoted("infinity")).since(17),
                c("interval", "'-infinity'", quoted("-infinity")).since(17));
    }

    private static Stream<Case> json() {
        return Stream.of(
                c("json", "'{\"a\":1, \"b\":[1,2]}'", "{\"a\":1,\"b\":[1,2]}").rt(RoundTrip.RAW),
                c("json", "E'  {\"a\" : \"\\u00e9\\\\n\", \"a\" : null}  '", "{\"a\":\"\u00e9\\\\n\",\"a\":null}").rt(RoundTrip.RAW),
                c("json", "'1e400'", "1e400").rt(RoundTrip.RAW),
                c("json", "'\"\\u0000\\ud83d\\ude00\"'", quoted("\\u0000\uD83D\uDE00")).rt(RoundTrip.RAW),
                c("json", "'[]'", "[]").rt(RoundTrip.RAW),
                c("json", "E'[\"\\U0001F600\", \"e\\u0301\"]'", "[\"\uD83D\uDE00\",\"e\u0301\"]").rt(RoundTrip.RAW),
                c("json", "'null'", "null").rt(RoundTrip.RAW),
                c("jsonb", "'{\"b\":[1,2,{\"c\":null}],\"a\":\"x,y\"}'", "{\"a\":\"x,y\",\"b\":[1,2,{\"c\":null}]}").rt(RoundTrip.RAW),
                c("jsonb", "'12345678901234567890.1234567890123456789000'", "12345678901234567890.1234567890123456789000").rt(RoundTrip.RAW),
                c("jsonb", "'\"\\ud83d\\ude00 \\\" \\\\\"'", quoted("\uD83D\uDE00 \\\" \\\\")).rt(RoundTrip.RAW),
                c("jsonb", "'true'", "true").rt(RoundTrip.RAW));
    }

    /** Types whose JSON is the string of their text: the text is pinned too, as documentation. */
    private static Stream<Case> textForms() {
        return Stream.of(
                c("inet", "'192.168.0.1/32'", quoted("192.168.0.1")),
                c("inet", "'192.168.0.1/24'", quoted("192.168.0.1/24")),
                c("inet", "'::ffff:1.2.3.4'", quoted("::ffff:1.2.3.4")),
                c("cidr", "'2001:db8::/32'", quoted("2001:db8::/32")),
                c("macaddr", "'08-00-2B-01-02-03'", quoted("08:00:2b:01:02:03")),
                c("macaddr8", "'08:00:2b:01:02:03:04:05'", quoted("08:00:2b:01:02:03:04:05")),
                text("money", "'-92233720368547758.08'"),
                text("money", "'12.34'"),
                c("bit(4)", "B'1010'", quoted("1010")),
                c("varbit", "B''", quoted("")),
                c("xml", "'<a x=\"1\">é &amp; \"q\"</a>'", quoted("<a x=\\\"1\\\">é &amp; \\\"q\\\"</a>")),
                c("tsvector", "$$'it''s' 'a':1A,2 fat$$", quoted("'a':1A,2 'fat' 'it''s'")),
                c("tsquery", "'fat:ab & !rat'", quoted("'fat':AB & !'rat'")),
                c("pg_lsn", "'16/B374D848'", quoted("16/B374D848")),
                c("point", "'(1.5,-2)'", quoted("(1.5,-2)")),
                c("point", "'(1e300,NaN)'", quoted("(1e+300,NaN)")),
                c("line", "'{1,2,3}'", quoted("{1,2,3}")),
                c("lseg", "'[(1,2),(3,4)]'", quoted("[(1,2),(3,4)]")),
                c("box", "'(1,2),(3,4)'", quoted("(3,4),(1,2)")),
                c("path", "'[(1,2),(3,4)]'", quoted("[(1,2),(3,4)]")),
                c("path", "'((1,2),(3,4))'", quoted("((1,2),(3,4))")),
                c("polygon", "'((0,0),(1,1),(1,0))'", quoted("((0,0),(1,1),(1,0))")),
                c("circle", "'<(1,2),3>'", quoted("<(1,2),3>")),
                c("int4range", "'empty'", quoted("empty")),
                c("int4range", "'[1,10]'", quoted("[1,11)")),
                c("numrange", "'(1.50,2.5]'", quoted("(1.50,2.5]")),
                c("daterange", "'[0044-03-15 BC,infinity)'", quoted("[\\\"0044-03-15 BC\\\",infinity)")),
                c("tstzrange", "'[2024-01-01 00:00+00,)'", quoted("[\\\"2024-01-01 00:00:00+00\\\",)")),
                c("int4multirange", "'{}'", quoted("{}")).since(14),
                c("int4multirange", "'{[1,3), [5,7)}'", quoted("{[1,3),[5,7)}")).since(14),
                c("pair", "ROW(1, 'a \"b\", c')", quoted("(1,\\\"a \\\"\\\"b\\\"\\\", c\\\")")),
                c("pair", "ROW(NULL, NULL)", quoted("(,)")),
                c("pair", "ROW(2, '')", quoted("(2,\\\"\\\")")),
                c("jsonpath", "'$.a[*] ? (@ > 1)'", quoted("$.\\\"a\\\"[*]?(@ > 1)")),
                c("pg_snapshot", "'10:20:10,14'", quoted("10:20:10,14")).rt(RoundTrip.NONE),
                c("regclass", "'pg_class'", quoted("pg_class")),
                c("tid", "'(0,1)'", quoted("(0,1)")),
                c("int2vector", "'1 2 3'", "[1,2,3]").rt(RoundTrip.NONE),
                c("int2vector", "''", "[]").rt(RoundTrip.NONE),
                c("oidvector", "'0 4294967295'", "[0,4294967295]").rt(RoundTrip.NONE));
    }

    private static Stream<Case> hstores() {
        return Stream.of(
                c("hstore", "''", "{}").rt(RoundTrip.HSTORE),
                c("hstore", "'a=>1, \"b c\"=>NULL, \"n\"=>\"NULL\", x=>\"\"'",
                        "{\"a\":\"1\",\"b c\":null,\"n\":\"NULL\",\"x\":\"\"}").rt(RoundTrip.HSTORE),
                c("hstore", "E'\"q\\\\\"u\"=>\"v\\\\\\\\w\", \"=>,\"=>\"{}\"'",
                        "{\"q\\\"u\":\"v\\\\w\",\"=>,\":\"{}\"}").rt(RoundTrip.HSTORE),
                c("hstore", "E'\"\\U0001F600\"=>\"e\\u0301\"'", "{\"\uD83D\uDE00\":\"e\u0301\"}").rt(RoundTrip.HSTORE));
    }

    private static Stream<Case> userTypes() {
        return Stream.of(
                c("mood", "'happy'", quoted("happy")),
                c("mood", "'très \"bien\", {oui}'", quoted("très \\\"bien\\\", {oui}")),
                c("int_list", "'{1,NULL,3}'", "[1,null,3]").rt(RoundTrip.ARRAY));
    }

    private static Stream<Case> arrays() {
        return Stream.of(
                c("int4[]", "'{}'", "[]").rt(RoundTrip.ARRAY),
                c("int4[]", "'{{1,NULL},{3,4}}'", "[[1,null],[3,4]]").rt(RoundTrip.ARRAY),
                c("int4[]", "'{{{1,2}},{{3,NULL}}}'", "[[[1,2]],[[3,null]]]").rt(RoundTrip.ARRAY),
                c("int4[]", "'{{{{{{1}}}}}}'", "[[[[[[1]]]]]]").rt(RoundTrip.ARRAY),
                c("int4[]", "'{NULL}'", "[null]").rt(RoundTrip.ARRAY),
                c("int4[]", "'[0:1]={1,2}'", "{\"lowerBounds\":[0],\"elements\":[1,2]}").rt(RoundTrip.ARRAY),
                c("int4[]", "'[-2:-1][3:4]={{1,NULL},{3,4}}'", "{\"lowerBounds\":[-2,3],\"elements\":[[1,null],[3,4]]}").rt(RoundTrip.ARRAY),
                c("int8[]", "'{-9223372036854775808,9223372036854775807}'", "[-9223372036854775808,9223372036854775807]").rt(RoundTrip.ARRAY),
                c("text[]", "'{}'", "[]").rt(RoundTrip.ARRAY),
                c("text[]", "ARRAY['']", "[\"\"]").rt(RoundTrip.ARRAY),
                c("text[]", "ARRAY[NULL, 'NULL', 'null']", "[null,\"NULL\",\"null\"]").rt(RoundTrip.ARRAY),
                c("text[]", "ARRAY['a b', 'c\"d', E'e\\\\f', ',', ';', '{}', '}', ' lead', 'trail ', E'tab\\there', E'nl\\nx', 'x']",
                        "[\"a b\",\"c\\\"d\",\"e\\\\f\",\",\",\";\",\"{}\",\"}\",\" lead\",\"trail \",\"tab\\there\",\"nl\\nx\",\"x\"]")
                        .rt(RoundTrip.ARRAY),
                c("text[]", "ARRAY[E'\\U0001F600', 'e' || U&'\\0301', E'\\\\N', E'\\\\']",
                        "[\"\uD83D\uDE00\",\"e\u0301\",\"\\\\N\",\"\\\\\"]").rt(RoundTrip.ARRAY),
                c("text[]", "ARRAY[ARRAY['a,b', NULL], ARRAY['{c}', '\"']]", "[[\"a,b\",null],[\"{c}\",\"\\\"\"]]").rt(RoundTrip.ARRAY),
                c("bpchar(3)[]", "ARRAY['a', 'bc']", "[\"a  \",\"bc \"]").rt(RoundTrip.ARRAY),
                c("numeric[]", "'{1.50,NaN,-0.001,NULL}'", "[1.50,\"NaN\",-0.001,null]").rt(RoundTrip.ARRAY),
                c("float8[]", "'{-0,5e-324,Infinity,-1.7976931348623157e308}'", "[-0,5e-324,\"Infinity\",-1.7976931348623157e+308]").rt(RoundTrip.ARRAY),
                c("bool[]", "'{t,f,NULL}'", "[true,false,null]").rt(RoundTrip.ARRAY),
                c("bytea[]", "ARRAY['\\x00ff'::bytea, '\\x'::bytea, NULL]", "[\"AP8=\",\"\",null]").rt(RoundTrip.NONE),
                c("date[]", "ARRAY['0044-03-15 BC'::date, 'infinity', '2024-02-29']", "[\"-0043-03-15\",\"infinity\",\"2024-02-29\"]").rt(RoundTrip.NONE),
                c("timestamptz[]", "ARRAY['2024-01-01 00:00+00'::timestamptz, NULL]", "[\"2024-01-01T00:00:00Z\",null]").rt(RoundTrip.ARRAY),
                c("interval[]", "ARRAY['1 day'::interval, '-1 hour']", "[\"P1D\",\"PT-1H\"]").rt(RoundTrip.ARRAY),
                c("uuid[]", "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]", "[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]").rt(RoundTrip.ARRAY),
                c("jsonb[]", "ARRAY['{\"a\": [1, \"x,y\"]}'::jsonb, 'null', '\"s\"', NULL]", "[{\"a\":[1,\"x,y\"]},null,\"s\",null]").rt(RoundTrip.NONE),
                c("json[]", "ARRAY['{\"k\":\"{}\\\\\\\"\"}'::json]", "[{\"k\":\"{}\\\\\\\"\"}]").rt(RoundTrip.NONE),
                c("hstore[]", "ARRAY['a=>1'::hstore, '', NULL]", "[{\"a\":\"1\"},{},null]").rt(RoundTrip.NONE),
                c("box[]", "ARRAY['(1,2),(3,4)'::box, '(5,6),(7,8)'::box]", "[\"(3,4),(1,2)\",\"(7,8),(5,6)\"]").rt(RoundTrip.ARRAY),
                c("point[]", "ARRAY['(1,2)'::point, NULL]", "[\"(1,2)\",null]").rt(RoundTrip.ARRAY),
                c("int4range[]", "ARRAY['[1,3)'::int4range, 'empty']", "[\"[1,3)\",\"empty\"]").rt(RoundTrip.ARRAY),
                c("pair[]", "ARRAY[ROW(1, 'a b')::pair, NULL, ROW(NULL, '\\')::pair]", "[\"(1,\\\"a b\\\")\",null,\"(,\\\"\\\\\\\\\\\")\"]").rt(RoundTrip.ARRAY),
                c("mood[]", "'{happy,NULL,sad}'", "[\"happy\",null,\"sad\"]").rt(RoundTrip.ARRAY),
                c("mood[]", "ARRAY['très \"bien\", {oui}'::mood]", "[\"très \\\"bien\\\", {oui}\"]").rt(RoundTrip.ARRAY),
                c("amount[]", "'{1,NULL,-2.5}'", "[1.00,null,-2.50]").rt(RoundTrip.ARRAY),
                c("int_list[]", "ARRAY['{1,2}'::int_list, '{}', NULL]", "[[1,2],[],null]").rt(RoundTrip.NONE),
                c("int2vector[]", "ARRAY['1 2'::int2vector, '']", "[[1,2],[]]").rt(RoundTrip.NONE),
                c("citext[]", "ARRAY['A'::citext, 'b c']", "[\"A\",\"b c\"]").rt(RoundTrip.ARRAY),
                c("\"char\"[]", "ARRAY['a'::\"char\", ',']", "[\"a\",\",\"]").rt(RoundTrip.ARRAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheTextFormAsLosslessJson(Case c) throws Exception {
        assumeTrue(majorVersion >= c.since(), () -> "needs PostgreSQL " + c.since());
        String table = "t" + TABLES.incrementAndGet();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + table + " (v " + c.type() + ")");
            st.execute("INSERT INTO " + table + " VALUES (CAST(" + c.sql() + " AS " + c.type() + "))");
        }
        try {
            String copied = copyOut(table);
            Stored stored = stored(table);
            assertThat(copied).as("COPY text = output function text").isEqualTo(stored.output());
            if (stored.castIsOutputFunction()) {
                assertThat(stored.cast()).as("::text = COPY text").isEqualTo(copied);
            }
            ValueType type = registry.forOid(stored.oid());
            String json = render(type, copied);
            JsonNode expected = c.expected() == null ? TextNode.valueOf(copied) : parse(c.expected());
            assertThat(parse(json)).isEqualTo(expected);
            if (isComparableAsText(c)) {
                assertThat(json).as("exactly, digits as printed").isEqualTo(c.expected());
            }
            assertRoundTrip(c, json, copied);
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE " + table);
            }
        }
    }

    /**
     * Whether the rendered JSON must equal the expected text character for character, which also
     * pins the digits of numbers (a tree reads -0 as 0): not for documents and hstores (member
     * order), nor astral-plane characters (Jackson escapes them as surrogate pairs by default).
     */
    private static boolean isComparableAsText(Case c) {
        return c.expected() != null && !c.type().startsWith("json") && !c.type().startsWith("hstore")
                && c.expected().codePoints().noneMatch(Character::isSupplementaryCodePoint);
    }

    private record Stored(int oid, String output, String cast, boolean castIsOutputFunction) {
    }

    private static Stored stored(String table) throws SQLException {
        String sql = "SELECT concat(v), v::text, pg_typeof(v)::oid FROM " + table;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            int oid = (int) rs.getLong(3);
            return new Stored(oid, rs.getString(1), rs.getString(2), !hasTextCast(oid));
        }
    }

    /** Whether {@code ::text} runs a cast function (bool, bpchar, inet) rather than the output function. */
    private static boolean hasTextCast(int oid) throws SQLException {
        String sql = "WITH RECURSIVE base(oid, basetype) AS (SELECT oid, typbasetype FROM pg_type WHERE oid = ?"
                + " UNION ALL SELECT t.oid, t.typbasetype FROM pg_type t JOIN base b ON t.oid = b.basetype)"
                + " SELECT EXISTS (SELECT 1 FROM pg_cast WHERE castsource IN (SELECT oid FROM base)"
                + " AND casttarget = 'text'::regtype AND castmethod = 'f')";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, Integer.toUnsignedLong(oid));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The value as Sluice's snapshot reads it: one COPY text-format field, unescaped. */
    private static String copyOut(String table) throws Exception {
        StringWriter out = new StringWriter();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT v FROM " + table + ") TO STDOUT", out);
        String line = out.toString();
        assertThat(line).endsWith("\n");
        return CopyText.unescape(line.substring(0, line.length() - 1));
    }

    private static void assertRoundTrip(Case c, String json, String original) throws Exception {
        String sql;
        String parameter = json;
        switch (c.roundTrip()) {
            case NONE:
                return;
            case CAST:
                sql = parse(json).isNumber()
                        ? "SELECT concat(CAST(? AS " + c.type() + "))"
                        : "SELECT concat(CAST(CAST(? AS jsonb) #>> '{}' AS " + c.type() + "))";
                break;
            case RAW:
                sql = "SELECT concat(CAST(? AS " + c.type() + "))";
                break;
            case BASE64:
                sql = "SELECT concat(decode(CAST(? AS jsonb) #>> '{}', 'base64'))";
                break;
            case ISO:
                sql = "SELECT concat(CAST(? AS " + c.type() + "))";
                parameter = PostgresLiterals.fromIso(parse(json).asText(), c.type());
                break;
            case ARRAY:
                sql = "SELECT concat(CAST(? AS " + c.type() + "))";
                parameter = PostgresLiterals.array(json, delimiterOf(c.type()));
                break;
            case HSTORE:
                sql = "SELECT concat(coalesce((SELECT hstore(array_agg(key), array_agg(value))"
                        + " FROM jsonb_each_text(CAST(? AS jsonb))), ''::hstore))";
                break;
            default:
                throw new AssertionError(c.roundTrip());
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("read back by PostgreSQL from %s", parameter).isEqualTo(original);
            }
        }
    }

    private static char delimiterOf(String arrayType) throws SQLException {
        String sql = "SELECT e.typdelim FROM pg_type a JOIN pg_type e ON e.oid = a.typelem"
                + " WHERE a.oid = CAST(? AS regtype)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, arrayType);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).charAt(0) : ',';
            }
        }
    }

    /** Literals PostgreSQL reads, built from rendered JSON with java.time and Jackson, independently of the renderers. */
    static final class PostgresLiterals {

        private PostgresLiterals() {
        }

        static String fromIso(String iso, String type) {
            if (iso.equals("infinity") || iso.equals("-infinity")) {
                return iso;
            }
            switch (type) {
                case "date": {
                    LocalDate d = LocalDate.parse(iso);
                    return date(d) + era(d);
                }
                case "timestamp": {
                    LocalDateTime t = LocalDateTime.parse(iso);
                    return date(t.toLocalDate()) + " " + t.toLocalTime() + era(t.toLocalDate());
                }
                case "timestamptz": {
                    OffsetDateTime t = OffsetDateTime.parse(iso);
                    String offset = t.getOffset().getId().equals("Z") ? "+00:00" : t.getOffset().getId();
                    return date(t.toLocalDate()) + " " + t.toLocalTime() + offset + era(t.toLocalDate());
                }
                default:
                    throw new AssertionError(type);
            }
        }

        private static String date(LocalDate d) {
            int year = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
            return String.format(Locale.ROOT, "%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth());
        }

        private static String era(LocalDate d) {
            return d.getYear() <= 0 ? " BC" : "";
        }

        /** An array literal from rendered JSON, numbers as their JSON text (a tree would turn -0 into 0). */
        static String array(String json, char delimiter) throws IOException {
            try (JsonParser parser = TypesTestDatabase.EXACT.createParser(json)) {
                parser.nextToken();
                return array(parser, delimiter);
            }
        }

        private static String array(JsonParser parser, char delimiter) throws IOException {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                JsonNode node = parser.readValueAsTree();
                StringBuilder sb = new StringBuilder();
                JsonNode level = node.get("elements");
                for (JsonNode lower : node.get("lowerBounds")) {
                    sb.append('[').append(lower.intValue()).append(':').append(lower.intValue() + level.size() - 1).append(']');
                    level = level.get(0);
                }
                return sb.append('=').append(array(node.get("elements").toString(), delimiter)).toString();
            }
            List<String> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    items.add(array(parser, delimiter));
                } else if (token == JsonToken.VALUE_NULL) {
                    items.add("NULL");
                } else {
                    String text = token == JsonToken.VALUE_TRUE ? "t" : token == JsonToken.VALUE_FALSE ? "f" : parser.getText();
                    items.add('"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
                }
            }
            return "{" + String.join(String.valueOf(delimiter), items) + "}";
        }
    }
}
