package dev.sluice.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a stream workload as fast as the server allows: all inserts, then updates of the first
 * ids, then deletes of the last ids, each phase in transactions of {@link ChangeMix#transactionRows}
 * rows spread over a few connections (with synchronous commit on, parallel sessions share fsyncs).
 * The very last transaction runs alone and reads the WAL insert position before it commits: every
 * change lies before that position and the commit after it, which makes it pg_recvlogical's
 * {@code --endpos}.
 */
final class ChangeWriter {

    private static final int WRITERS = 4;

    private final Database database;
    private final TableShape shape;

    ChangeWriter(Database database, TableShape shape) {
        this.database = database;
        this.shape = shape;
    }

    /** Writes the mix; returns the end position for pg_recvlogical, e.g. {@code 0/5A3B2C10}. */
    String write(ChangeMix mix) throws Exception {
        int rows = mix.transactionRows();
        runParallel(shape.insertRangeSql(), ranges(1, mix.inserts(), rows));
        runParallel(shape.updateRangeSql(), ranges(1, mix.updates(), rows));
        List<long[]> deletes = ranges(mix.inserts() - mix.deletes() + 1, mix.inserts(), rows);
        long[] last = deletes.remove(deletes.size() - 1);
        runParallel(shape.deleteRangeSql(), deletes);
        return lastTransaction(shape.deleteRangeSql(), last);
    }

    static List<long[]> ranges(long first, long last, int size) {
        List<long[]> ranges = new ArrayList<>();
        for (long from = first; from <= last; from += size) {
            ranges.add(new long[] {from, Math.min(last, from + size - 1)});
        }
        return ranges;
    }

    private void runParallel(String sql, List<long[]> ranges) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
                        for (int i = writer; i < ranges.size(); i += WRITERS) {
                            statement.setLong(1, ranges.get(i)[0]);
                            statement.setLong(2, ranges.get(i)[1]);
                            statement.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private String lastTransaction(String sql, long[] range) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, range[0]);
                statement.setLong(2, range[1]);
                statement.executeUpdate();
            }
            String end = insertPosition(connection);
            connection.commit();
            return end;
        }
    }

    static String insertPosition(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_current_wal_insert_lsn()::text");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
