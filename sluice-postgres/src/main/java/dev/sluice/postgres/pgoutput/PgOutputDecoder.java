package dev.sluice.postgres.pgoutput;

import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Row;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code pgoutput} (protocol version 1) messages from the bytes of a replication stream's
 * XLogData payload. Bytes in, messages out: it knows nothing of connections or tables.
 *
 * <p>Text values are decoded as UTF-8, which is what the server sends when the connection's
 * {@code client_encoding} is UTF8 (pgjdbc always sets it). Stateless and thread-safe.
 */
public final class PgOutputDecoder {

    /** Microseconds between the Unix epoch and PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** Decodes the message at the buffer's position; throws {@link PgOutputException} on malformed input. */
    public PgOutputMessage decode(ByteBuffer buffer) {
        try {
            byte kind = buffer.get();
            return switch (kind) {
                case 'B' -> new PgOutputMessage.Begin(new Lsn(buffer.getLong()), timestamp(buffer), Integer.toUnsignedLong(buffer.getInt()));
                case 'C' -> commit(buffer);
                case 'R' -> relation(buffer);
                case 'Y' -> new PgOutputMessage.Type(buffer.getInt(), string(buffer), string(buffer));
                case 'I' -> insert(buffer);
                case 'U' -> update(buffer);
                case 'D' -> delete(buffer);
                case 'T' -> truncate(buffer);
                case 'O' -> new PgOutputMessage.Origin(new Lsn(buffer.getLong()), string(buffer));
                case 'M' -> message(buffer);
                default -> throw new PgOutputException("unknown pgoutput message kind '" + (char) kind + "' (" + kind + ")");
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new PgOutputException("truncated pgoutput message", e);
        }
    }

    private static PgOutputMessage.Commit commit(ByteBuffer buffer) {
        buffer.get(); // flags, unused
        Lsn commitLsn = new Lsn(buffer.getLong());
        Lsn endLsn = new Lsn(buffer.getLong());
        return new PgOutputMessage.Commit(commitLsn, endLsn, timestamp(buffer));
    }

    private static PgOutputMessage.Relation relation(ByteBuffer buffer) {
        int oid = buffer.getInt();
        String namespace = string(buffer);
        String name = string(buffer);
        char identity = (char) buffer.get();
        int count = buffer.getShort();
        List<PgOutputMessage.RelationColumn> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (buffer.get() & 1) != 0;
            String column = string(buffer);
            columns.add(new PgOutputMessage.RelationColumn(column, buffer.getInt(), buffer.getInt(), key));
        }
        // An empty namespace means pg_catalog (protocol rule).
        return new PgOutputMessage.Relation(oid, namespace.isEmpty() ? "pg_catalog" : namespace, name, identity, List.copyOf(columns));
    }

    private static PgOutputMessage.Insert insert(ByteBuffer buffer) {
        int oid = buffer.getInt();
        expect(buffer, 'N');
        return new PgOutputMessage.Insert(oid, tuple(buffer, false));
    }

    private static PgOutputMessage.Update update(ByteBuffer buffer) {
        int oid = buffer.getInt();
        char kind = (char) buffer.get();
        Row old = null;
        char oldKind = 0;
        if (kind == 'K' || kind == 'O') {
            oldKind = kind;
            old = tuple(buffer, kind == 'K');
            kind = (char) buffer.get();
        }
        if (kind != 'N') {
            throw new PgOutputException("malformed Update: expected 'N', got '" + kind + "'");
        }
        return new PgOutputMessage.Update(oid, oldKind, old, tuple(buffer, false));
    }

    private static PgOutputMessage.Delete delete(ByteBuffer buffer) {
        int oid = buffer.getInt();
        char kind = (char) buffer.get();
        if (kind != 'K' && kind != 'O') {
            throw new PgOutputException("malformed Delete: expected 'K' or 'O', got '" + kind + "'");
        }
        return new PgOutputMessage.Delete(oid, kind, tuple(buffer, kind == 'K'));
    }

    private static PgOutputMessage.Truncate truncate(ByteBuffer buffer) {
        int count = buffer.getInt();
        int options = buffer.get();
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = buffer.getInt();
        }
        return new PgOutputMessage.Truncate(oids, (options & 1) != 0, (options & 2) != 0);
    }

    private static PgOutputMessage.LogicalMessage message(ByteBuffer buffer) {
        boolean transactional = (buffer.get() & 1) != 0;
        Lsn lsn = new Lsn(buffer.getLong());
        String prefix = string(buffer);
        byte[] content = new byte[buffer.getInt()];
        buffer.get(content);
        return new PgOutputMessage.LogicalMessage(transactional, lsn, prefix, content);
    }

    /**
     * A TupleData block. In a key-only old row ({@code keyOnly}) the server sends the non-key
     * columns as nulls; they are marked absent, since their values are unknown, not NULL.
     */
    private static Row tuple(ByteBuffer buffer, boolean keyOnly) {
        int count = buffer.getShort();
        String[] values = new String[count];
        boolean[] absent = null;
        for (int i = 0; i < count; i++) {
            char kind = (char) buffer.get();
            switch (kind) {
                case 'n' -> {
                    if (keyOnly) {
                        absent = mark(absent, count, i);
                    }
                }
                case 'u' -> absent = mark(absent, count, i);
                case 't' -> values[i] = text(buffer);
                case 'b' -> throw new PgOutputException("binary tuple data is not requested by Sluice but was received");
                default -> throw new PgOutputException("malformed tuple: unknown column kind '" + kind + "'");
            }
        }
        return new Row(values, absent);
    }

    private static boolean[] mark(boolean[] absent, int count, int column) {
        boolean[] marks = absent != null ? absent : new boolean[count];
        marks[column] = true;
        return marks;
    }

    private static String text(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new PgOutputException("truncated pgoutput message: a value of " + length + " bytes, "
                    + buffer.remaining() + " left");
        }
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        return value;
    }

    /** A NUL-terminated string. */
    private static String string(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buffer.get(bytes);
        buffer.get(); // the terminator
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long timestamp(ByteBuffer buffer) {
        return buffer.getLong() + PG_EPOCH_MICROS;
    }

    private static void expect(ByteBuffer buffer, char expected) {
        char actual = (char) buffer.get();
        if (actual != expected) {
            throw new PgOutputException("malformed message: expected '" + expected + "', got '" + actual + "'");
        }
    }
}
