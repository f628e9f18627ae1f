package dev.sluice.server.cli;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo's sample database: a {@code shop} schema with customers and orders using a few
 * everyday types (serial keys, text, boolean, numeric, jsonb, timestamptz), some rows present
 * before Sluice starts (they arrive as snapshot reads) and a stream of inserts, updates and
 * deletes afterwards. Seeded, so every demo tells the same story. Not thread-safe: one writer.
 */
final class DemoShop implements AutoCloseable {

    /** The captured schema. */
    static final String SCHEMA = "shop";
    /** The tables, as {@code schema.table}. */
    static final List<String> TABLES = List.of("shop.customers", "shop.orders");

    private static final List<String> NAMES = List.of("Ada Lovelace", "Grace Hopper", "Edsger Dijkstra",
            "Barbara Liskov", "Donald Knuth", "Frances Allen", "Tony Hoare", "Radia Perlman", "Ken Thompson",
            "Margaret Hamilton");
    private static final List<String> PRODUCTS = List.of("keyboard", "monitor", "cable", "lamp", "chair", "mug");
    private static final List<String> STATUSES = List.of("paid", "shipped", "delivered");

    private final Connection connection;
    private final Random random = new Random(42);
    private int customers;
    private int writes;

    DemoShop(Connection connection) {
        this.connection = connection;
    }

    /** Creates the schema and the rows that exist before Sluice starts. */
    void create() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA shop");
            statement.execute("""
                    CREATE TABLE shop.customers (
                        id serial PRIMARY KEY,
                        name text NOT NULL,
                        email text NOT NULL UNIQUE,
                        vip boolean NOT NULL DEFAULT false,
                        created_at timestamptz NOT NULL DEFAULT now())""");
            statement.execute("""
                    CREATE TABLE shop.orders (
                        id bigserial PRIMARY KEY,
                        customer_id int NOT NULL REFERENCES shop.customers (id),
                        total numeric(10, 2) NOT NULL,
                        status text NOT NULL DEFAULT 'new',
                        items jsonb NOT NULL,
                        placed_at timestamptz NOT NULL DEFAULT now())""");
        }
        for (int i = 0; i < 3; i++) {
            insertCustomer();
        }
        insertOrder();
        writes = 0;
    }

    /** One change: mostly inserts, some updates, and every seventh a delete (so each demo shows one). */
    void writeOne() throws SQLException {
        int dice = writes % 7 == 6 ? 9 : random.nextInt(9);
        if (dice < 2 && customers < NAMES.size()) {
            insertCustomer();
        } else if (dice < 6) {
            insertOrder();
        } else if (dice < 8) {
            execute("UPDATE shop.orders SET status = ? WHERE id = (SELECT id FROM shop.orders ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    STATUSES.get(random.nextInt(STATUSES.size())), random.nextInt(3));
        } else if (dice < 9) {
            execute("UPDATE shop.customers SET vip = NOT vip WHERE id = ?", 1 + random.nextInt(customers));
        } else {
            execute("DELETE FROM shop.orders WHERE id = (SELECT min(id) FROM shop.orders)");
        }
    }

    /** Rows changed since {@link #create()}. */
    int writes() {
        return writes;
    }

    private void insertCustomer() throws SQLException {
        String name = NAMES.get(customers++);
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com";
        execute("INSERT INTO shop.customers (name, email) VALUES (?, ?)", name, email);
    }

    private void insertOrder() throws SQLException {
        String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
        int quantity = 1 + random.nextInt(3);
        String items = "[{\"product\": \"" + product + "\", \"quantity\": " + quantity + "}]";
        execute("INSERT INTO shop.orders (customer_id, total, items) VALUES (?, ?, ?::jsonb)",
                1 + random.nextInt(customers), new BigDecimal(quantity * (5 + random.nextInt(200)) + ".99"),
                items);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            writes += statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
