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
 * Writes a stream workload as fast as the server allows, in the mix's {@link ChangeMix#blocks()
 * blocks} (inserts, then updates of the block's first ids, then deletes of its last ids, in
 * transactions of {@link ChangeMix#transactionRows} rows). The blocks are spread over a few
 * connections, each running its blocks' transactions in order (with synchronous commit on, parallel
 * sessions share fsyncs). The very last transaction runs alone and reads the WAL insert position
 * before it commits: every change lies before that position and the commit after it, which makes it
 * pg_recvlogical's {@code --endpos}.
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
        List<List<ChangeMix.Transaction>> blocks = new ArrayList<>();
        for (int b = 0; b < mix.blocks(); b++) {
            blocks.add(mix.block(b));
        }
        List<ChangeMix.Transaction> lastBlock = blocks.get(blocks.size() - 1);
        ChangeMix.Transaction last = lastBlock.remove(lastBlock.size() - 1);
        runParallel(blocks);
        return lastTransaction(last);
    }

    private void runParallel(List<List<ChangeMix.Transaction>> blocks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    try (Connection connection = database.connect(); Statements statements = new Statements(connection)) {
                        for (int b = writer; b < blocks.size(); b += WRITERS) {
                            for (ChangeMix.Transaction transaction : blocks.get(b)) {
                                statements.run(transaction);
                            }
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

    private String lastTransaction(ChangeMix.Transaction transaction) throws SQLException {
        try (Connection connection = database.connect(); Statements statements = new Statements(connection)) {
            connection.setAutoCommit(false);
            statements.run(transaction);
            String end = insertPosition(connection);
            connection.commit();
            return end;
        }
    }

    /** One connection's prepared insert, update and delete of an id range. */
    private final class Statements implements AutoCloseable {

        private final PreparedStatement insert;
        private final PreparedStatement update;
        private final PreparedStatement delete;

        Statements(Connection connection) throws SQLException {
            insert = connection.prepareStatement(shape.insertRangeSql());
            update = connection.prepareStatement(shape.updateRangeSql());
            delete = connection.prepareStatement(shape.deleteRangeSql());
        }

        void run(ChangeMix.Transaction transaction) throws SQLException {
            PreparedStatement statement = switch (transaction.kind()) {
                case INSERT -> insert;
                case UPDATE -> update;
                case DELETE -> delete;
            };
            statement.setLong(1, transaction.first());
            statement.setLong(2, transaction.last());
            statement.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            update.close();
            delete.close();
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
