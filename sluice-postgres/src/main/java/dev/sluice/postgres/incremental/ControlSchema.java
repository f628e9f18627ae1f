package dev.sluice.postgres.incremental;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@code sluice} schema's objects that incremental snapshots need: the watermark table, the
 * table of snapshot requests and the SQL functions that write requests. Both tables are in
 * Sluice's publication, so the running Sluice sees watermarks and requests in the replication
 * stream, at the exact position they were committed. Installed idempotently at every start; plain
 * SQL, no extension.
 */
public final class ControlSchema {

    public static final String SCHEMA = "sluice";
    public static final TableId WATERMARKS = new TableId(SCHEMA, "watermarks");
    public static final TableId REQUESTS = new TableId(SCHEMA, "snapshot_requests");
    public static final List<TableId> TABLES = List.of(WATERMARKS, REQUESTS);

    private static final String DDL = """
            CREATE SCHEMA IF NOT EXISTS sluice;
            CREATE TABLE IF NOT EXISTS sluice.watermarks (
                slot text PRIMARY KEY,
                mark text NOT NULL,
                kind text NOT NULL,
                written_at timestamptz NOT NULL DEFAULT now());
            COMMENT ON TABLE sluice.watermarks IS
                'Low and high watermarks of Sluice''s incremental snapshot chunks (DBLog); one row per slot, rewritten per chunk';
            CREATE TABLE IF NOT EXISTS sluice.snapshot_requests (
                id bigserial PRIMARY KEY,
                slot text,
                action text NOT NULL CHECK (action IN ('snapshot', 'pause', 'resume', 'cancel')),
                schema_name text,
                table_name text,
                condition text,
                requested_at timestamptz NOT NULL DEFAULT now(),
                requested_by text NOT NULL DEFAULT current_user);
            COMMENT ON TABLE sluice.snapshot_requests IS
                'Requests to Sluice for incremental snapshots (and pause, resume, cancel), written by sluice.snapshot() and friends';
            CREATE OR REPLACE FUNCTION sluice.snapshot(tables text[], condition text DEFAULT NULL, slot text DEFAULT NULL)
            RETURNS SETOF bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
            DECLARE
                t text;
                rel regclass;
                kind "char";
                nsp text;
                rname text;
                request bigint;
            BEGIN
                IF tables IS NULL OR cardinality(tables) = 0 THEN
                    RAISE EXCEPTION 'sluice.snapshot: name at least one table, e.g. sluice.snapshot(''{public.orders}'')'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF condition IS NOT NULL AND (strpos(condition, ';') > 0 OR strpos(condition, '--') > 0
                        OR strpos(condition, '/*') > 0) THEN
                    RAISE EXCEPTION 'sluice.snapshot: the condition may not contain ";", "--" or "/*": %', condition
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                FOREACH t IN ARRAY tables LOOP
                    BEGIN
                        rel := to_regclass(CASE WHEN cardinality(parse_ident(t)) = 1 THEN 'public.' || t ELSE t END);
                    EXCEPTION WHEN OTHERS THEN
                        rel := NULL;
                    END;
                    IF rel IS NULL THEN
                        RAISE EXCEPTION 'sluice.snapshot: table % does not exist', t USING ERRCODE = 'undefined_table';
                    END IF;
                    SELECT c.relkind, n.nspname, c.relname INTO kind, nsp, rname
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel;
                    IF kind NOT IN ('r', 'p') THEN
                        RAISE EXCEPTION 'sluice.snapshot: % is not a table', t USING ERRCODE = 'wrong_object_type';
                    END IF;
                    IF (SELECT c.relreplident FROM pg_class c WHERE c.oid = rel) <> 'f' AND NOT EXISTS (
                            SELECT 1 FROM pg_index i WHERE i.indrelid = rel AND (i.indisprimary OR i.indisreplident)) THEN
                        RAISE EXCEPTION 'sluice.snapshot: table %.% has neither a primary key nor REPLICA IDENTITY FULL, so changes made during the snapshot could not be told apart from its rows; add a primary key or ALTER TABLE ... REPLICA IDENTITY FULL',
                            quote_ident(nsp), quote_ident(rname) USING ERRCODE = 'invalid_parameter_value';
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_publication_tables p
                            WHERE p.schemaname = nsp AND p.tablename = rname AND p.pubname IN (
                                SELECT w.pubname FROM pg_publication_tables w
                                WHERE w.schemaname = 'sluice' AND w.tablename = 'watermarks')) THEN
                        RAISE EXCEPTION 'sluice.snapshot: table %.% is not captured by Sluice; add it to the capture list first',
                            quote_ident(nsp), quote_ident(rname) USING ERRCODE = 'invalid_parameter_value';
                    END IF;
                    IF condition IS NOT NULL THEN
                        EXECUTE format('SELECT FROM ONLY %s WHERE (%s) LIMIT 0', rel, condition);
                    END IF;
                    INSERT INTO sluice.snapshot_requests (slot, action, schema_name, table_name, condition)
                    VALUES (snapshot.slot, 'snapshot', nsp, rname, condition)
                    RETURNING id INTO request;
                    RETURN NEXT request;
                END LOOP;
            END
            $f$;
            CREATE OR REPLACE FUNCTION sluice.snapshot_pause(slot text DEFAULT NULL) RETURNS bigint
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
                INSERT INTO sluice.snapshot_requests (slot, action) VALUES ($1, 'pause') RETURNING id
            $f$;
            CREATE OR REPLACE FUNCTION sluice.snapshot_resume(slot text DEFAULT NULL) RETURNS bigint
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
                INSERT INTO sluice.snapshot_requests (slot, action) VALUES ($1, 'resume') RETURNING id
            $f$;
            CREATE OR REPLACE FUNCTION sluice.snapshot_cancel(slot text DEFAULT NULL) RETURNS bigint
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
                INSERT INTO sluice.snapshot_requests (slot, action) VALUES ($1, 'cancel') RETURNING id
            $f$;
            REVOKE ALL ON FUNCTION sluice.snapshot(text[], text, text) FROM PUBLIC;
            REVOKE ALL ON FUNCTION sluice.snapshot_pause(text) FROM PUBLIC;
            REVOKE ALL ON FUNCTION sluice.snapshot_resume(text) FROM PUBLIC;
            REVOKE ALL ON FUNCTION sluice.snapshot_cancel(text) FROM PUBLIC;
            """;

    private ControlSchema() {
    }

    /** Creates or updates the objects; needs CREATE on the database (as creating the publication does). */
    public static void install(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            // One transaction under a lock: two Sluices starting at once must not replace a function concurrently.
            connection.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('sluice.install'))");
                statement.execute(DDL);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot install Sluice's control schema \"sluice\" (it needs CREATE on the database,"
                    + " as the publication does)");
        }
    }

    /** The value of column {@code name} in a control table's {@code row}; the column must exist. */
    public static String value(ChangeEvent event, Row row, String name) {
        int index = event.schema().indexOf(name);
        if (index < 0) {
            throw new IllegalStateException(event.table() + " has no column " + name
                    + "; Sluice's control schema is older than this Sluice: run sluice install (or restart sluice run) to update it");
        }
        return row.value(index);
    }

    public static boolean isControlTable(TableId table) {
        return table.schema().equals(SCHEMA) && TABLES.contains(table);
    }
}
