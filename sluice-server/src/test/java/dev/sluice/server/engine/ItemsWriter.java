package dev.sluice.server.engine;

import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps changing table {@code items (id bigserial key, v int, note text)} on its own thread:
 * inserts (new keys only), updates that increment {@code v}, deletes — so that a consumer can
 * check per-key order: versions never go back and a deleted key never returns.
 */
final class ItemsWriter implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private ItemsWriter(TestPostgres pg, String db, long seed) {
        thread = new Thread(() -> write(pg, db, seed), "items-writer");
        thread.start();
    }

    /**
     * Creates the table with {@code rows} rows (analysed, so the planner knows its size). Half-full
     * pages keep updated rows in their block (HOT updates), so that a snapshot by block ranges
     * reads a row twice only when it really was in flight.
     */
    static void createTable(TestPostgres pg, String db, int rows) throws SQLException {
        Sql.execute(pg, db, "CREATE TABLE items (id bigserial PRIMARY KEY, v int NOT NULL DEFAULT 0, note text)"
                + " WITH (fillfactor = 50);"
                + "INSERT INTO items (note) SELECT 'row ' || g || repeat('x', 60) FROM generate_series(1, " + rows + ") g;"
                + "ANALYZE items");
    }

    static ItemsWriter start(TestPostgres pg, String db, long seed) {
        return new ItemsWriter(pg, db, seed);
    }

    private void write(TestPostgres pg, String db, long seed) {
        Random random = new Random(seed);
        try (Connection c = pg.connect(db);
                PreparedStatement insert = c.prepareStatement("INSERT INTO items (note) VALUES ('written')");
                PreparedStatement update = c.prepareStatement("UPDATE items SET v = v + 1 WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM items WHERE id = ?");
                Statement max = c.createStatement()) {
            long maxId;
            try (var rs = max.executeQuery("SELECT max(id) FROM items")) {
                rs.next();
                maxId = rs.getLong(1);
            }
            while (running.get()) {
                int dice = random.nextInt(10);
                long id = 1 + (long) (random.nextDouble() * maxId);
                if (dice < 2) {
                    insert.executeUpdate();
                    maxId++;
                } else if (dice < 8) {
                    update.setLong(1, id);
                    update.executeUpdate();
                } else {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError("the writer failed", failure.get());
        }
    }
}
