package dev.sluice.bench.workload;

/**
 * The benchmark's tables and the statements that write them. Every value is computed from the row
 * id by the server, so a run writes exactly the same rows every time and the client does no work.
 *
 * <p>{@code TYPICAL} is a common OLTP row: bigserial key, an int, a short text, numeric(12,2), a
 * 41-character note and a timestamptz. {@code WIDE} has 30 columns: jsonb, arrays, timestamptz,
 * uuid, numeric, text and a few more.
 */
public enum TableShape {

    TYPICAL("bench_typical", """
            CREATE TABLE bench_typical (
              id bigserial PRIMARY KEY,
              qty int NOT NULL,
              label text NOT NULL,
              amount numeric(12,2) NOT NULL,
              note text NOT NULL,
              updated_at timestamptz NOT NULL)""",
            """
            INSERT INTO bench_typical (id, qty, label, amount, note, updated_at)
            SELECT g, g % 1000, 'item-' || g, (g % 100000) / 100.0,
                   'note ' || lpad(g::text, 10, '0') || ' the quick brown fox jumps',
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second'
            FROM generate_series(?::bigint, ?::bigint) g""",
            "UPDATE bench_typical SET qty = qty + 1, amount = amount + 1, updated_at = updated_at + interval '1 minute'"
                    + " WHERE id BETWEEN ? AND ?"),

    WIDE("bench_wide", """
            CREATE TABLE bench_wide (
              id bigserial PRIMARY KEY,
              account_id bigint NOT NULL,
              qty int NOT NULL,
              status smallint NOT NULL,
              price numeric(12,2) NOT NULL,
              tax numeric(12,4) NOT NULL,
              total numeric(18,2) NOT NULL,
              ratio double precision NOT NULL,
              score real NOT NULL,
              active boolean NOT NULL,
              name text NOT NULL,
              email text NOT NULL,
              city text NOT NULL,
              country char(2) NOT NULL,
              sku varchar(32) NOT NULL,
              comment text NOT NULL,
              remark text,
              external_id uuid NOT NULL,
              session_id uuid NOT NULL,
              created_at timestamptz NOT NULL,
              updated_at timestamptz NOT NULL,
              shipped_at timestamptz,
              birth_date date NOT NULL,
              open_for interval NOT NULL,
              attributes jsonb NOT NULL,
              metadata jsonb NOT NULL,
              tags text[] NOT NULL,
              scores int[] NOT NULL,
              amounts numeric(12,2)[] NOT NULL,
              version int NOT NULL)""",
            """
            INSERT INTO bench_wide (id, account_id, qty, status, price, tax, total, ratio, score, active, name, email,
                city, country, sku, comment, remark, external_id, session_id, created_at, updated_at, shipped_at,
                birth_date, open_for, attributes, metadata, tags, scores, amounts, version)
            SELECT g, g % 10007, g % 1000, (g % 7)::smallint, (g % 100000) / 100.0, (g % 10000) / 10000.0,
                   (g % 1000000) / 100.0, g / 7.0, (g % 1000) / 3.0, g % 2 = 0,
                   'Customer ' || g, 'customer' || g || '@example.com', 'City ' || (g % 500),
                   (ARRAY['DE','FR','US','JP','BR'])[1 + g % 5], 'SKU-' || lpad((g % 100000)::text, 8, '0'),
                   'comment for row ' || g || ': delivered on time, packaging intact, customer satisfied',
                   CASE WHEN g % 3 = 0 THEN NULL ELSE 'remark ' || g END,
                   md5(g::text)::uuid, md5((g + 1)::text)::uuid,
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
                   timestamptz '2026-01-02 00:00:00+00' + g * interval '1 second',
                   CASE WHEN g % 2 = 0 THEN NULL ELSE timestamptz '2026-01-03 00:00:00+00' + g * interval '1 second' END,
                   date '1970-01-01' + (g % 20000)::int, (g % 86400) * interval '1 second',
                   jsonb_build_object('color', (ARRAY['red','green','blue'])[1 + g % 3], 'size', g % 10,
                                      'gift', g % 2 = 0),
                   jsonb_build_object('source', 'web', 'campaign', 'c' || (g % 50), 'score', g % 100),
                   ARRAY['t' || (g % 10), 't' || (g % 7)], ARRAY[g % 100, g % 1000, g % 10000]::int[],
                   ARRAY[(g % 1000) / 100.0, (g % 500) / 100.0]::numeric(12,2)[], 1
            FROM generate_series(?::bigint, ?::bigint) g""",
            "UPDATE bench_wide SET qty = qty + 1, price = price + 1, updated_at = updated_at + interval '1 minute',"
                    + " attributes = attributes || '{\"updated\": true}', version = version + 1 WHERE id BETWEEN ? AND ?");

    private final String table;
    private final String create;
    private final String insertRange;
    private final String updateRange;

    TableShape(String table, String create, String insertRange, String updateRange) {
        this.table = table;
        this.create = create;
        this.insertRange = insertRange;
        this.updateRange = updateRange;
    }

    /** The table's name (in {@code public}). */
    public String table() {
        return table;
    }

    public String createSql() {
        return create;
    }

    /** Inserts ids {@code ?1..?2}. */
    public String insertRangeSql() {
        return insertRange;
    }

    /** Updates ids {@code ?1..?2}, never their key. */
    public String updateRangeSql() {
        return updateRange;
    }

    /** Deletes ids {@code ?1..?2}. */
    public String deleteRangeSql() {
        return "DELETE FROM " + table + " WHERE id BETWEEN ? AND ?";
    }
}
