package dev.sluice.bench.child;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * A reference beside the limit: the slot's pgoutput stream received through pgjdbc, as Sluice
 * receives it, and dropped. Only each message's first byte is read, to count the inserts, updates
 * and deletes. On machines where system calls are dear, pg_recvlogical (two writes per message)
 * is slower than this, so this shows what the server and the driver deliver before Sluice does
 * anything with it.
 */
final class PgjdbcRawRun implements ContenderRun {

    private static final long IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    @Override
    public void start(ChildArgs args, DrainMeter meter) throws Exception {
        Properties p = new Properties();
        PGProperty.USER.set(p, args.get("user"));
        PGProperty.PASSWORD.set(p, args.get("password"));
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        Connection connection = DriverManager.getConnection(args.get("url"), p);
        PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(args.get("slot"))
                .withStartPosition(LogSequenceNumber.INVALID_LSN)
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", args.get("publication"))
                .start();
        // The thread holds the connection too: pgjdbc closes the socket of a connection that became unreachable.
        Thread thread = new Thread(() -> drain(connection, stream, meter), "pgjdbc-raw");
        thread.setDaemon(true);
        thread.start();
    }

    private static void drain(Connection connection, PGReplicationStream stream, DrainMeter meter) {
        try (connection) {
            while (true) {
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                byte kind = message.get(message.position());
                if (kind == 'I' || kind == 'U' || kind == 'D') {
                    meter.event(0);
                }
            }
        } catch (Exception e) {
            meter.fail(e);
        }
    }
}
