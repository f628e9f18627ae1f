package dev.sluice.postgres.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.testkit.TestPostgres;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Decodes bytes captured from a real server's pgoutput stream for a workload that exercises every
 * message kind Sluice handles.
 */
class PgOutputDecoderTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final PgOutputDecoder DECODER = new PgOutputDecoder();
    private static List<byte[]> captured;

    @BeforeAll
    static void capture() throws Exception {
        String db = PG.createDatabase("decoder");
        PostgresSourceConfig config = new PostgresSourceConfig(PG.jdbcUrl(db), PG.user(), PG.password(), "dec", "dec",
                List.of(), List.of("public"), false, false, Duration.ofSeconds(10), Duration.ofSeconds(10));
        PgConnector connector = new PgConnector(config);
        try (Connection c = connector.open(); Statement s = c.createStatement();
                Connection replication = connector.openReplication()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, big text, note text)");
            s.execute("CREATE TABLE f (a int, b text)");
            s.execute("ALTER TABLE f REPLICA IDENTITY FULL");
            s.execute("CREATE PUBLICATION dec FOR TABLE t, f");
            s.execute("SELECT pg_create_logical_replication_slot('dec', 'pgoutput')");
            // md5 text does not compress, so the value is stored out of line (TOASTed).
            s.execute("INSERT INTO t SELECT 1, string_agg(md5(g::text), ''), 'héllo ☃ \"q\" \\ tab\t'"
                    + " FROM generate_series(1, 3125) g");
            s.execute("UPDATE t SET note = NULL WHERE id = 1");           // big is TOASTed and unchanged
            s.execute("UPDATE t SET id = 2 WHERE id = 1");                // key change: old key sent
            s.execute("DELETE FROM t WHERE id = 2");
            s.execute("INSERT INTO f VALUES (7, 'seven')");
            s.execute("UPDATE f SET b = 'SEVEN'");
            s.execute("TRUNCATE t, f");
            PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical().withSlotName("dec").withStartPosition(LogSequenceNumber.valueOf(0L))
                    .withSlotOption("proto_version", "1").withSlotOption("publication_names", "dec")
                    .withStatusInterval(1, TimeUnit.SECONDS).start();
            captured = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int commits = 0;
            while (commits < 7 && System.nanoTime() < deadline) {
                ByteBuffer buffer = stream.read();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                captured.add(bytes);
                if (bytes[0] == 'C') {
                    commits++;
                }
            }
            stream.close();
        }
    }

    private static List<PgOutputMessage> decoded() {
        return captured.stream().map(b -> DECODER.decode(ByteBuffer.wrap(b))).toList();
    }

    @Test
    void decodesEveryMessageOfTheWorkloadInOrder() {
        List<String> kinds = decoded().stream().map(m -> m.getClass().getSimpleName()).toList();
        assertThat(kinds).containsExactly(
                "Begin", "Relation", "Insert", "Commit",
                "Begin", "Update", "Commit",
                "Begin", "Update", "Commit",
                "Begin", "Delete", "Commit",
                "Begin", "Relation", "Insert", "Commit",
                "Begin", "Update", "Commit",
                "Begin", "Relation", "Relation", "Truncate", "Commit");
    }

    @Test
    void textValuesKeepUnicodeQuotesBackslashesAndTabs() {
        PgOutputMessage.Insert insert = (PgOutputMessage.Insert) decoded().get(2);
        assertThat(insert.newRow().value(0)).isEqualTo("1");
        assertThat(insert.newRow().value(1)).hasSize(100000);
        assertThat(insert.newRow().value(2)).isEqualTo("héllo ☃ \"q\" \\ tab\t");
    }

    @Test
    void unchangedToastedValueIsAbsentNotNull() {
        PgOutputMessage.Update update = (PgOutputMessage.Update) decoded().get(5);
        assertThat(update.oldRow()).isNull();
        assertThat(update.newRow().isAbsent(1)).isTrue();
        assertThat(update.newRow().value(2)).isNull();
        assertThat(update.newRow().isAbsent(2)).isFalse();
    }

    @Test
    void keyChangeCarriesTheOldKeyOnly() {
        PgOutputMessage.Update update = (PgOutputMessage.Update) decoded().get(8);
        assertThat(update.oldKind()).isEqualTo('K');
        assertThat(update.oldRow().value(0)).isEqualTo("1");
        assertThat(update.oldRow().isAbsent(1)).isTrue();
        assertThat(update.oldRow().isAbsent(2)).isTrue();
        assertThat(update.newRow().value(0)).isEqualTo("2");
    }

    @Test
    void deleteCarriesTheKeyAndRelationDescribesColumns() {
        PgOutputMessage.Relation relation = (PgOutputMessage.Relation) decoded().get(1);
        assertThat(relation.namespace()).isEqualTo("public");
        assertThat(relation.name()).isEqualTo("t");
        assertThat(relation.columns()).extracting(PgOutputMessage.RelationColumn::name).containsExactly("id", "big", "note");
        assertThat(relation.columns()).extracting(PgOutputMessage.RelationColumn::key).containsExactly(true, false, false);
        PgOutputMessage.Delete delete = (PgOutputMessage.Delete) decoded().get(11);
        assertThat(delete.relationOid()).isEqualTo(relation.oid());
        assertThat(delete.oldRow().value(0)).isEqualTo("2");
    }

    @Test
    void fullReplicaIdentitySendsTheWholeOldRow() {
        PgOutputMessage.Update update = (PgOutputMessage.Update) decoded().get(18);
        assertThat(update.oldKind()).isEqualTo('O');
        assertThat(update.oldRow().values()).containsExactly("7", "seven");
        assertThat(update.newRow().values()).containsExactly("7", "SEVEN");
    }

    @Test
    void truncateNamesBothRelationsAndCommitEndsAfterItsLsn() {
        PgOutputMessage.Truncate truncate = (PgOutputMessage.Truncate) decoded().get(23);
        assertThat(truncate.relationOids()).hasSize(2);
        PgOutputMessage.Begin begin = (PgOutputMessage.Begin) decoded().get(20);
        PgOutputMessage.Commit commit = (PgOutputMessage.Commit) decoded().get(24);
        assertThat(commit.commitLsn()).isEqualTo(begin.finalLsn());
        assertThat(commit.endLsn().isAfter(commit.commitLsn())).isTrue();
        assertThat(begin.commitTimeMicros()).isEqualTo(commit.commitTimeMicros());
        assertThat(begin.commitTimeMicros() / 1_000_000).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
    }

    @Test
    void truncatedBytesAreRejectedNotMisread() {
        byte[] insert = captured.get(2);
        byte[] cut = java.util.Arrays.copyOf(insert, insert.length / 2);
        assertThatThrownBy(() -> DECODER.decode(ByteBuffer.wrap(cut))).isInstanceOf(PgOutputException.class);
    }
}
