package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestPostgres;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The premise of the mapping: under the session settings, pgoutput's text tuples carry the same
 * text as COPY, so one renderer serves snapshot and stream. Checked for every edge value of
 * {@link PgTypeRenderingTest} at once, in one wide row decoded by pgoutput.
 */
class StreamTextTest {

    @Test
    void pgoutputPrintsEveryValueAsCopyDoes() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        List<PgTypeRenderingTest.Case> cases = PgTypeRenderingTest.cases()
                .filter(c -> pg.majorVersion() >= c.since())
                .collect(Collectors.toList());
        try (Connection c = TypesTestDatabase.connect(pg.createDatabase("stream_text")); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION hstore");
            st.execute("CREATE EXTENSION citext");
            st.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'très \"bien\", {oui}')");
            st.execute("CREATE DOMAIN amount AS numeric(12,2)");
            st.execute("CREATE DOMAIN positive_amount AS amount CHECK (VALUE > 0)");
            st.execute("CREATE DOMAIN int_list AS int4[]");
            st.execute("CREATE TYPE pair AS (a int4, b text)");
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                columns.add("c" + i + " " + cases.get(i).type());
                values.add("CAST(" + cases.get(i).sql() + " AS " + cases.get(i).type() + ")");
            }
            st.execute("CREATE TABLE wide (" + String.join(", ", columns) + ")");
            st.execute("CREATE PUBLICATION wide_pub FOR TABLE wide");
            st.execute("SELECT pg_create_logical_replication_slot('wide_slot', 'pgoutput', true)");
            st.execute("SET synchronous_commit = on"); // logical decoding reads only flushed WAL
            st.execute("INSERT INTO wide VALUES (" + String.join(", ", values) + ")");

            List<String> copied = copyRow(c);
            List<String> streamed = streamedRow(st);

            assertThat(streamed).hasSize(cases.size());
            for (int i = 0; i < cases.size(); i++) {
                assertThat(streamed.get(i)).as("%s", cases.get(i)).isEqualTo(copied.get(i));
            }
        }
    }

    private static List<String> copyRow(Connection c) throws Exception {
        StringWriter out = new StringWriter();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY wide TO STDOUT", out);
        String line = out.toString();
        List<String> fields = new ArrayList<>();
        for (String field : line.substring(0, line.length() - 1).split("\t", -1)) {
            fields.add(CopyText.unescape(field));
        }
        return fields;
    }

    /** The new tuple of the one Insert message (pgoutput protocol 1), text columns decoded. */
    private static List<String> streamedRow(Statement st) throws SQLException {
        String sql = "SELECT data FROM pg_logical_slot_get_binary_changes('wide_slot', NULL, NULL,"
                + " 'proto_version', '1', 'publication_names', 'wide_pub')";
        StringBuilder kinds = new StringBuilder();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ByteBuffer message = ByteBuffer.wrap(rs.getBytes(1));
                kinds.append((char) message.get(0));
                if (message.get() == 'I') {
                    message.getInt();
                    assertThat((char) message.get()).isEqualTo('N');
                    return tuple(message);
                }
            }
        }
        throw new AssertionError("no Insert message among " + kinds);
    }

    private static List<String> tuple(ByteBuffer message) {
        List<String> values = new ArrayList<>();
        int columns = message.getShort();
        for (int i = 0; i < columns; i++) {
            char kind = (char) message.get();
            if (kind == 'n') {
                values.add(null);
            } else {
                assertThat(kind).isEqualTo('t');
                byte[] text = new byte[message.getInt()];
                message.get(text);
                values.add(new String(text, StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
