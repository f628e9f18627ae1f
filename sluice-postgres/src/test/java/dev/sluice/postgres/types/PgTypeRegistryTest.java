package dev.sluice.postgres.types;

import static dev.sluice.postgres.types.TypesTestDatabase.parse;
import static dev.sluice.postgres.types.TypesTestDatabase.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.encode.JsonEncoder;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.event.ValueType;
import dev.sluice.testkit.TestPostgres;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class PgTypeRegistryTest {

    private static final int INT4 = 23;
    private static final int INT4_ARRAY = 1007;

    @Test
    void namesBuiltinTypesBareAndOthersWithTheirSchema() throws SQLException {
        try (Connection c = connectNew("registry_names")) {
            execute(c, "CREATE SCHEMA app", "CREATE TYPE app.mood AS ENUM ('sad', 'happy')");
            PgTypeRegistry registry = PgTypeRegistry.load(c);

            assertThat(registry.forOid(INT4).name()).isEqualTo("int4");
            assertThat(registry.forOid(INT4_ARRAY).name()).isEqualTo("_int4");
            assertThat(registry.forOid(oid(c, "app.mood")).name()).isEqualTo("app.mood");
            assertThat(registry.forOid(oid(c, "app.mood[]")).name()).isEqualTo("app._mood");
            assertThat(registry.size()).isGreaterThan(400);
        }
    }

    @Test
    void domainRendersAsItsBaseTypeUnderItsOwnName() throws SQLException {
        try (Connection c = connectNew("registry_domains")) {
            execute(c, "CREATE DOMAIN amount AS numeric(12,2)", "CREATE DOMAIN tiny_amount AS amount CHECK (VALUE < 10)",
                    "CREATE DOMAIN int_list AS int4[]");
            PgTypeRegistry registry = PgTypeRegistry.load(c);

            ValueType tiny = registry.forOid(oid(c, "tiny_amount"));
            assertThat(tiny.name()).isEqualTo("public.tiny_amount");
            assertThat(render(tiny, "9.50")).isEqualTo("9.50");
            assertThat(render(registry.forOid(oid(c, "tiny_amount[]")), "{1.00,NULL}")).isEqualTo("[1.00,null]");
            assertThat(render(registry.forOid(oid(c, "int_list")), "{{1,2},{3,NULL}}")).isEqualTo("[[1,2],[3,null]]");
        }
    }

    @Test
    void typeCreatedAfterLoadIsKnownAfterRefresh() throws SQLException {
        try (Connection c = connectNew("registry_refresh")) {
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            ValueType int4 = registry.forOid(INT4);
            execute(c, "CREATE TYPE late AS ENUM ('x', 'y')");
            int late = oid(c, "late");
            int lateArray = oid(c, "late[]");

            assertThat(registry.find(late)).isEmpty();
            assertThatThrownBy(() -> registry.forOid(late))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("type OID " + Integer.toUnsignedString(late))
                    .hasMessageContaining("refresh");

            assertThat(registry.refresh(c)).isEqualTo(2);

            assertThat(render(registry.forOid(late), "y")).isEqualTo("\"y\"");
            assertThat(render(registry.forOid(lateArray), "{x,NULL}")).isEqualTo("[\"x\",null]");
            assertThat(registry.forOid(INT4)).as("known types are kept as they are").isSameAs(int4);
            assertThat(registry.refresh(c)).isZero();
        }
    }

    @Test
    void lookupWithConnectionRefreshesOnlyOnAMiss() throws SQLException {
        try (Connection c = connectNew("registry_lazy")) {
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            int before = registry.size();
            execute(c, "CREATE DOMAIN later AS text");

            assertThat(registry.forOid(INT4, c).name()).isEqualTo("int4");
            assertThat(registry.size()).isEqualTo(before);
            assertThat(registry.forOid(oid(c, "later"), c).name()).isEqualTo("public.later");
            assertThat(registry.size()).isEqualTo(before + 2);
            assertThatThrownBy(() -> registry.forOid(-2, c)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void findsHstoreInWhateverSchemaItIsInstalled() throws SQLException {
        try (Connection c = connectNew("registry_hstore")) {
            execute(c, "CREATE SCHEMA ext", "CREATE EXTENSION hstore SCHEMA ext");
            PgTypeRegistry registry = PgTypeRegistry.load(c);

            ValueType hstore = registry.forOid(oid(c, "ext.hstore"));
            assertThat(hstore.name()).isEqualTo("ext.hstore");
            assertThat(parse(render(hstore, "\"a\"=>\"1\", \"b\"=>NULL"))).isEqualTo(parse("{\"a\":\"1\",\"b\":null}"));
            assertThat(render(registry.forOid(oid(c, "ext.hstore[]")), "{\"\\\"k\\\"=>\\\"v\\\"\"}")).isEqualTo("[{\"k\":\"v\"}]");
        }
    }

    @Test
    void lookupsDuringRefreshesAlwaysSucceed() throws Exception {
        try (Connection c = connectNew("registry_threads")) {
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            AtomicBoolean refreshing = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> lookups = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    lookups.add(readers.submit(() -> {
                        long n = 0;
                        while (refreshing.get()) {
                            assertThat(registry.forOid(INT4_ARRAY).name()).isEqualTo("_int4");
                            n++;
                        }
                        return n;
                    }));
                }
                for (int i = 0; i < 20; i++) {
                    execute(c, "CREATE TYPE e" + i + " AS ENUM ('v')");
                    assertThat(registry.refresh(c)).isEqualTo(2);
                }
                refreshing.set(false);
                for (Future<Long> lookup : lookups) {
                    assertThat(lookup.get()).isPositive();
                }
                assertThat(registry.forOid(oid(c, "e19[]")).name()).isEqualTo("public._e19");
            } finally {
                readers.shutdownNow();
            }
        }
    }

    /** SQL NULL is the caller's to write (ValueType never sees it): a snapshot row with NULLs, encoded. */
    @Test
    void rowWithNullsEncodesThemAsJsonNull() throws Exception {
        try (Connection c = connectNew("registry_nulls")) {
            execute(c, "CREATE EXTENSION hstore",
                    "CREATE TABLE t (id int8 PRIMARY KEY, tags text[], attrs hstore, doc jsonb, note text)",
                    "INSERT INTO t VALUES (1, NULL, NULL, NULL, 'x'), (2, '{NULL}', 'k=>NULL', 'null', '')");
            PgTypeRegistry registry = PgTypeRegistry.load(c);
            RowSchema schema = new RowSchema(new TableId("public", "t"), List.of(
                    new ColumnSchema("id", registry.forOid(20), true),
                    new ColumnSchema("tags", registry.forOid(1009), false),
                    new ColumnSchema("attrs", registry.forOid(oid(c, "hstore")), false),
                    new ColumnSchema("doc", registry.forOid(3802), false),
                    new ColumnSchema("note", registry.forOid(25), false)));
            JsonEncoder encoder = new JsonEncoder("db", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            List<JsonNode> after = new ArrayList<>();
            for (String line : copy(c, "COPY (SELECT * FROM t ORDER BY id) TO STDOUT")) {
                Row row = new Row(split(line));
                ChangeEvent event = new ChangeEvent(Operation.READ, schema, null, row, Lsn.ZERO, 0, 0, true);
                after.add(parse(new String(encoder.value(event), java.nio.charset.StandardCharsets.UTF_8)).get("after"));
            }

            assertThat(after.get(0)).isEqualTo(parse("{\"id\":1,\"tags\":null,\"attrs\":null,\"doc\":null,\"note\":\"x\"}"));
            assertThat(after.get(1)).isEqualTo(parse("{\"id\":2,\"tags\":[null],\"attrs\":{\"k\":null},\"doc\":null,\"note\":\"\"}"));
        }
    }

    private static String[] split(String line) {
        String[] fields = line.split("\t", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = CopyText.unescape(fields[i]);
        }
        return fields;
    }

    private static List<String> copy(Connection c, String sql) throws Exception {
        StringWriter out = new StringWriter();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        return List.of(out.toString().split("\n"));
    }

    private static Connection connectNew(String prefix) throws SQLException {
        return TypesTestDatabase.connect(TestPostgres.shared().createDatabase(prefix));
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static int oid(Connection c, String type) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT '" + type + "'::regtype::oid")) {
            rs.next();
            return (int) rs.getLong(1);
        }
    }
}
