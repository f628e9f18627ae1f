-- Sluice's control plane: the capture list, its history, suspension, the status Sluice writes on
-- each heartbeat, the sink connectors it manages, and the functions that change them. Installed by
-- `sluice install` in one transaction; idempotent. Every function is SECURITY DEFINER with a fixed
-- search_path, so a caller's search_path cannot redirect it; EXECUTE is granted to sluice_admin only.
-- The tables capture, control and sink_connectors are in Sluice's publication: the running Sluice
-- sees their changes in the replication stream, at their commit.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sluice_admin') THEN
        CREATE ROLE sluice_admin NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA sluice TO sluice_admin;

CREATE TABLE IF NOT EXISTS sluice.capture (
    schema_name text NOT NULL,
    table_name text NOT NULL,
    topic text,
    operations text[] NOT NULL DEFAULT '{insert,update,delete,truncate}',
    columns text[],
    exclude_columns text[],
    remark text,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (schema_name, table_name));
COMMENT ON TABLE sluice.capture IS
    'Sluice''s capture list: the tables it streams, their topic (NULL: the naming rule), operations and columns (NULL: all). Change it with sluice.add_table() and friends.';

CREATE TABLE IF NOT EXISTS sluice.capture_history (
    id bigserial PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT session_user,
    action text NOT NULL,
    schema_name text,
    table_name text,
    detail jsonb);
COMMENT ON TABLE sluice.capture_history IS 'Every change made through Sluice''s control functions: who, when, what.';

CREATE TABLE IF NOT EXISTS sluice.control (
    slot text PRIMARY KEY,
    suspended boolean NOT NULL,
    drop_slot boolean NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT session_user);
COMMENT ON TABLE sluice.control IS
    'Suspension of Sluice, per slot (''*'': every slot), written by sluice.suspend() and sluice.resume().';

CREATE TABLE IF NOT EXISTS sluice.status (
    slot text PRIMARY KEY,
    state text NOT NULL,
    publication text,
    pid bigint,
    host text,
    version text,
    http text,
    started_at timestamptz,
    heartbeat_at timestamptz NOT NULL,
    heartbeat_interval interval NOT NULL,
    confirmed_lsn pg_lsn,
    kafka text,
    connectors jsonb,
    snapshots jsonb,
    error text);
COMMENT ON TABLE sluice.status IS 'Written by each running Sluice on every heartbeat; read by sluice.status().';

CREATE TABLE IF NOT EXISTS sluice.sink_connectors (
    name text PRIMARY KEY,
    config jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user,
    updated_at timestamptz NOT NULL DEFAULT now());
COMMENT ON TABLE sluice.sink_connectors IS
    'Kafka Connect sink connectors Sluice creates and keeps in step with the capture list (their topics).';

-- The table's relation, or a clear error.
CREATE OR REPLACE FUNCTION sluice.table_oid(schema_name text, table_name text) RETURNS oid
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    rel oid;
    kind "char";
BEGIN
    IF schema_name IS NULL OR table_name IS NULL THEN
        RAISE EXCEPTION 'sluice: name the table by schema and table, e.g. (''public'', ''orders'')'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT c.oid, c.relkind INTO rel, kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relname = table_name;
    IF rel IS NULL THEN
        RAISE EXCEPTION 'sluice: table %.% does not exist', quote_ident(schema_name), quote_ident(table_name)
            USING ERRCODE = 'undefined_table';
    END IF;
    IF kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION 'sluice: %.% is not a table (views, sequences and foreign tables cannot be captured)',
            quote_ident(schema_name), quote_ident(table_name) USING ERRCODE = 'wrong_object_type';
    END IF;
    RETURN rel;
END
$f$;

-- The key columns Sluice uses for a table: its replica identity index, else its primary key.
CREATE OR REPLACE FUNCTION sluice.key_columns(rel oid) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
    SELECT coalesce(array_agg(a.attname::text ORDER BY a.attnum), '{}')
    FROM pg_attribute a
    WHERE a.attrelid = rel AND a.attnum = ANY ((
        SELECT i.indkey FROM pg_index i WHERE i.indrelid = rel AND (i.indisreplident OR i.indisprimary)
        ORDER BY i.indisreplident DESC LIMIT 1)::int2[])
$f$;

CREATE OR REPLACE FUNCTION sluice.check_columns(rel oid, what text, names text[]) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    c text;
BEGIN
    IF names IS NULL THEN
        RETURN NULL;
    END IF;
    IF cardinality(names) = 0 THEN
        RAISE EXCEPTION 'sluice: % is empty; leave it out (NULL) for all columns', what USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH c IN ARRAY names LOOP
        IF c IS NULL OR NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = rel AND a.attname = c
                AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'sluice: column % of % does not exist (%)', coalesce(quote_ident(c), 'NULL'), rel::regclass, what
                USING ERRCODE = 'undefined_column';
        END IF;
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT unnest(names) ORDER BY 1);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.check_key_kept(rel oid, columns text[], exclude_columns text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    keys text[] := sluice.key_columns(rel);
BEGIN
    IF columns IS NOT NULL AND NOT keys <@ columns THEN
        RAISE EXCEPTION 'sluice: the captured columns of % must include its key (%): events are keyed by it',
            rel::regclass, array_to_string(keys, ', ') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF exclude_columns IS NOT NULL AND keys && exclude_columns THEN
        RAISE EXCEPTION 'sluice: the key of % (%) cannot be left out: events are keyed by it',
            rel::regclass, array_to_string(keys, ', ') USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$f$;

-- Sluice's publications: those that hold sluice.capture (each running Sluice manages one).
CREATE OR REPLACE FUNCTION sluice.publications() RETURNS SETOF text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
    SELECT p.pubname::text FROM pg_publication_tables p WHERE p.schemaname = 'sluice' AND p.tablename = 'capture'
$f$;

CREATE OR REPLACE FUNCTION sluice.entry(s text, t text) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
    SELECT jsonb_build_object('schema', c.schema_name, 'table', c.table_name, 'topic', c.topic,
        'operations', to_jsonb(c.operations), 'columns', to_jsonb(c.columns), 'exclude_columns', to_jsonb(c.exclude_columns),
        'remark', c.remark, 'created_at', c.created_at, 'created_by', c.created_by)
    FROM sluice.capture c WHERE c.schema_name = s AND c.table_name = t
$f$;

CREATE OR REPLACE FUNCTION sluice.add_table(schema_name text, table_name text, operations text[] DEFAULT NULL,
        columns text[] DEFAULT NULL, exclude_columns text[] DEFAULT NULL, topic text DEFAULT NULL, remark text DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    rel oid := sluice.table_oid(schema_name, table_name);
    ops text[] := coalesce(operations, '{insert,update,delete,truncate}');
    op text;
    pub text;
BEGIN
    IF EXISTS (SELECT 1 FROM sluice.capture c WHERE c.schema_name = add_table.schema_name AND c.table_name = add_table.table_name) THEN
        RAISE EXCEPTION 'sluice: table %.% is already captured; change it with sluice.add_column() or sluice.remove_column(), or remove it first',
            quote_ident(schema_name), quote_ident(table_name) USING ERRCODE = 'duplicate_object';
    END IF;
    IF cardinality(ops) = 0 THEN
        RAISE EXCEPTION 'sluice: operations is empty; name any of insert, update, delete, truncate' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH op IN ARRAY ops LOOP
        IF op IS NULL OR op NOT IN ('insert', 'update', 'delete', 'truncate') THEN
            RAISE EXCEPTION 'sluice: unknown operation %; use any of insert, update, delete, truncate', coalesce(quote_literal(op), 'NULL')
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    ops := ARRAY(SELECT o FROM unnest(ARRAY['insert', 'update', 'delete', 'truncate']) o WHERE o = ANY (ops));
    IF columns IS NOT NULL AND exclude_columns IS NOT NULL THEN
        RAISE EXCEPTION 'sluice: give columns or exclude_columns, not both' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    columns := sluice.check_columns(rel, 'columns', columns);
    exclude_columns := sluice.check_columns(rel, 'exclude_columns', exclude_columns);
    PERFORM sluice.check_key_kept(rel, columns, exclude_columns);
    IF topic IS NOT NULL AND (topic !~ '^[A-Za-z0-9._-]{1,249}$' OR topic IN ('.', '..')) THEN
        RAISE EXCEPTION 'sluice: % is not a legal Kafka topic name; use letters, digits, ''.'', ''_'' and ''-'', at most 249 characters',
            quote_literal(topic) USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (SELECT c.relreplident FROM pg_class c WHERE c.oid = rel) <> 'f' AND cardinality(sluice.key_columns(rel)) = 0 THEN
        RAISE EXCEPTION 'sluice: table % has neither a primary key nor REPLICA IDENTITY FULL, so its updates and deletes cannot be captured; add a primary key or ALTER TABLE % REPLICA IDENTITY FULL',
            rel::regclass, rel::regclass USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO sluice.capture (schema_name, table_name, topic, operations, columns, exclude_columns, remark)
    VALUES (add_table.schema_name, add_table.table_name, add_table.topic, ops, add_table.columns, add_table.exclude_columns, add_table.remark);
    -- In the same transaction, so the table's changes are published from exactly this commit.
    FOR pub IN SELECT sluice.publications() LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_publication_rel r WHERE r.prpubid = (SELECT p.oid FROM pg_publication p WHERE p.pubname = pub)
                AND r.prrelid = rel) THEN
            EXECUTE format('ALTER PUBLICATION %I ADD TABLE %s', pub, rel::regclass);
        END IF;
    END LOOP;
    INSERT INTO sluice.capture_history (action, schema_name, table_name, detail)
    VALUES ('add_table', add_table.schema_name, add_table.table_name, sluice.entry(add_table.schema_name, add_table.table_name));
    RETURN sluice.entry(add_table.schema_name, add_table.table_name);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.require_entry(s text, t text) RETURNS sluice.capture
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    found_row sluice.capture;
BEGIN
    SELECT * INTO found_row FROM sluice.capture c WHERE c.schema_name = s AND c.table_name = t;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'sluice: table %.% is not in the capture list (see SELECT * FROM sluice.capture)', quote_ident(s), quote_ident(t)
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN found_row;
END
$f$;

CREATE OR REPLACE FUNCTION sluice.remove_table(schema_name text, table_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    entry jsonb;
    pub text;
    rel oid;
BEGIN
    PERFORM sluice.require_entry(schema_name, table_name);
    entry := sluice.entry(schema_name, table_name);
    DELETE FROM sluice.capture c WHERE c.schema_name = remove_table.schema_name AND c.table_name = remove_table.table_name;
    SELECT c.oid INTO rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = remove_table.schema_name AND c.relname = remove_table.table_name;
    IF rel IS NOT NULL THEN
        FOR pub IN SELECT p.pubname FROM pg_publication p JOIN pg_publication_rel r ON r.prpubid = p.oid
                WHERE r.prrelid = rel AND (p.pubname IN (SELECT sluice.publications())
                    OR p.pubname IN (SELECT s || '_inserts' FROM sluice.publications() s)) LOOP
            EXECUTE format('ALTER PUBLICATION %I DROP TABLE %s', pub, rel::regclass);
        END LOOP;
    END IF;
    INSERT INTO sluice.capture_history (action, schema_name, table_name, detail)
    VALUES ('remove_table', remove_table.schema_name, remove_table.table_name, entry);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.add_column(schema_name text, table_name text, column_name text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    entry_row sluice.capture := sluice.require_entry(schema_name, table_name);
    rel oid := sluice.table_oid(schema_name, table_name);
BEGIN
    PERFORM sluice.check_columns(rel, 'column_name', ARRAY[column_name]);
    IF entry_row.columns IS NOT NULL THEN
        IF column_name = ANY (entry_row.columns) THEN
            RAISE EXCEPTION 'sluice: column % of % is captured already', quote_ident(column_name), rel::regclass
                USING ERRCODE = 'duplicate_object';
        END IF;
        entry_row.columns := ARRAY(SELECT DISTINCT unnest(entry_row.columns || column_name) ORDER BY 1);
    ELSIF entry_row.exclude_columns IS NOT NULL AND column_name = ANY (entry_row.exclude_columns) THEN
        entry_row.exclude_columns := nullif(array_remove(entry_row.exclude_columns, column_name), '{}');
    ELSE
        RAISE EXCEPTION 'sluice: column % of % is captured already (all its columns are)', quote_ident(column_name), rel::regclass
            USING ERRCODE = 'duplicate_object';
    END IF;
    UPDATE sluice.capture c SET columns = entry_row.columns, exclude_columns = entry_row.exclude_columns
    WHERE c.schema_name = add_column.schema_name AND c.table_name = add_column.table_name;
    INSERT INTO sluice.capture_history (action, schema_name, table_name, detail)
    VALUES ('add_column', add_column.schema_name, add_column.table_name, jsonb_build_object('column', column_name));
    RETURN sluice.entry(schema_name, table_name);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.remove_column(schema_name text, table_name text, column_name text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    entry_row sluice.capture := sluice.require_entry(schema_name, table_name);
    rel oid := sluice.table_oid(schema_name, table_name);
BEGIN
    PERFORM sluice.check_columns(rel, 'column_name', ARRAY[column_name]);
    IF column_name = ANY (sluice.key_columns(rel)) THEN
        RAISE EXCEPTION 'sluice: column % is part of the key of %: events are keyed by it, so it is always captured',
            quote_ident(column_name), rel::regclass USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF entry_row.columns IS NOT NULL THEN
        IF NOT column_name = ANY (entry_row.columns) THEN
            RAISE EXCEPTION 'sluice: column % of % is not captured', quote_ident(column_name), rel::regclass
                USING ERRCODE = 'no_data_found';
        END IF;
        entry_row.columns := array_remove(entry_row.columns, column_name);
    ELSIF entry_row.exclude_columns IS NOT NULL AND column_name = ANY (entry_row.exclude_columns) THEN
        RAISE EXCEPTION 'sluice: column % of % is not captured', quote_ident(column_name), rel::regclass
            USING ERRCODE = 'no_data_found';
    ELSE
        entry_row.exclude_columns := ARRAY(SELECT DISTINCT unnest(coalesce(entry_row.exclude_columns, '{}') || column_name) ORDER BY 1);
    END IF;
    UPDATE sluice.capture c SET columns = entry_row.columns, exclude_columns = entry_row.exclude_columns
    WHERE c.schema_name = remove_column.schema_name AND c.table_name = remove_column.table_name;
    INSERT INTO sluice.capture_history (action, schema_name, table_name, detail)
    VALUES ('remove_column', remove_column.schema_name, remove_column.table_name, jsonb_build_object('column', column_name));
    RETURN sluice.entry(schema_name, table_name);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.suspend(drop_slot boolean DEFAULT false, slot text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    IF slot IS NULL THEN
        UPDATE sluice.control c SET suspended = true, drop_slot = suspend.drop_slot, changed_at = now(), changed_by = session_user
        WHERE c.slot <> '*';
    END IF;
    INSERT INTO sluice.control AS c (slot, suspended, drop_slot) VALUES (coalesce(suspend.slot, '*'), true, suspend.drop_slot)
    ON CONFLICT ON CONSTRAINT control_pkey DO UPDATE SET suspended = true, drop_slot = EXCLUDED.drop_slot, changed_at = now(), changed_by = session_user;
    INSERT INTO sluice.capture_history (action, detail)
    VALUES ('suspend', jsonb_build_object('slot', coalesce(slot, '*'), 'drop_slot', drop_slot));
END
$f$;

CREATE OR REPLACE FUNCTION sluice.resume(slot text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    IF slot IS NULL THEN
        UPDATE sluice.control c SET suspended = false, drop_slot = false, changed_at = now(), changed_by = session_user;
    ELSE
        INSERT INTO sluice.control AS c (slot, suspended) VALUES (resume.slot, false)
        ON CONFLICT ON CONSTRAINT control_pkey DO UPDATE SET suspended = false, drop_slot = false, changed_at = now(), changed_by = session_user;
    END IF;
    INSERT INTO sluice.capture_history (action, detail) VALUES ('resume', jsonb_build_object('slot', coalesce(slot, '*')));
END
$f$;

CREATE OR REPLACE FUNCTION sluice.create_sink_connector(name text, config jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    IF name IS NULL OR name !~ '^[A-Za-z0-9._-]{1,200}$' THEN
        RAISE EXCEPTION 'sluice: % is not a usable connector name; use letters, digits, ''.'', ''_'' and ''-''',
            coalesce(quote_literal(name), 'NULL') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF config IS NULL OR jsonb_typeof(config) <> 'object' OR jsonb_typeof(config -> 'connector.class') IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'sluice: the config of connector % must be a JSON object with "connector.class", e.g. {"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "file": "/tmp/out"}',
            name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_each(config) e WHERE jsonb_typeof(e.value) IN ('object', 'array', 'null')) THEN
        RAISE EXCEPTION 'sluice: the config of connector % may hold strings, numbers and booleans only (Kafka Connect configs are flat)', name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO sluice.sink_connectors AS s (name, config) VALUES (create_sink_connector.name, create_sink_connector.config)
    ON CONFLICT ON CONSTRAINT sink_connectors_pkey DO UPDATE SET config = EXCLUDED.config, updated_at = now();
    INSERT INTO sluice.capture_history (action, detail) VALUES ('create_sink_connector', jsonb_build_object('name', name, 'config', config));
    RETURN jsonb_build_object('name', name, 'config', config);
END
$f$;

CREATE OR REPLACE FUNCTION sluice.delete_sink_connector(name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    DELETE FROM sluice.sink_connectors s WHERE s.name = delete_sink_connector.name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'sluice: there is no sink connector % (see SELECT name FROM sluice.sink_connectors)',
            coalesce(quote_literal(name), 'NULL') USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO sluice.capture_history (action, detail) VALUES ('delete_sink_connector', jsonb_build_object('name', name));
END
$f$;

CREATE OR REPLACE FUNCTION sluice.status(slot text DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
    target text := coalesce(slot, (SELECT s.slot FROM sluice.status s ORDER BY s.heartbeat_at DESC LIMIT 1), 'sluice');
    st sluice.status;
    running boolean;
    state text;
    message text;
    slot_info jsonb;
    suspended boolean;
BEGIN
    SELECT * INTO st FROM sluice.status s WHERE s.slot = target;
    SELECT c.suspended INTO suspended FROM sluice.control c WHERE c.slot IN (target, '*')
    ORDER BY c.slot = '*' LIMIT 1;
    running := st.slot IS NOT NULL AND st.state <> 'stopped'
        AND st.heartbeat_at > now() - greatest(st.heartbeat_interval * 3, interval '15 seconds');
    IF st.slot IS NULL THEN
        state := 'not running';
        message := format('Sluice is not running: no Sluice has reported for slot %s', target);
    ELSIF NOT running THEN
        state := 'not running';
        message := format('Sluice is not running: its last heartbeat was at %s (%s ago), in state %s',
            st.heartbeat_at, date_trunc('second', now() - st.heartbeat_at), st.state);
    ELSE
        state := st.state;
        message := CASE st.state
            WHEN 'suspended' THEN 'Sluice is suspended; sluice.resume() continues'
            WHEN 'retrying' THEN 'Sluice is retrying after a fault: ' || coalesce(st.error, 'unknown')
            ELSE 'Sluice is ' || st.state END;
    END IF;
    SELECT jsonb_build_object('name', r.slot_name, 'exists', true, 'active', r.active, 'active_pid', r.active_pid,
            'confirmed_flush_lsn', r.confirmed_flush_lsn::text,
            'lag_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), r.confirmed_flush_lsn)::bigint,
            'retained_wal_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), r.restart_lsn)::bigint,
            'wal_status', to_jsonb(r) -> 'wal_status')
        INTO slot_info FROM pg_replication_slots r WHERE r.slot_name = target;
    RETURN jsonb_build_object(
        'sluice', jsonb_build_object('state', state, 'running', running, 'message', message,
            'suspend_requested', coalesce(suspended, false),
            'heartbeat_at', st.heartbeat_at, 'started_at', st.started_at, 'pid', st.pid, 'host', st.host,
            'version', st.version, 'http', st.http, 'error', st.error, 'confirmed_lsn', st.confirmed_lsn::text),
        'slot', coalesce(slot_info, jsonb_build_object('name', target, 'exists', false)),
        'publication', jsonb_build_object('name', st.publication, 'tables', (
            SELECT coalesce(jsonb_agg(format('%s.%s', p.schemaname, p.tablename) ORDER BY p.schemaname, p.tablename), '[]')
            FROM pg_publication_tables p WHERE p.pubname = coalesce(st.publication, (SELECT min(x) FROM sluice.publications() x))
                AND p.schemaname <> 'sluice')),
        'kafka', CASE WHEN running THEN to_jsonb(st.kafka) ELSE to_jsonb('unknown: Sluice is not running'::text) END,
        'connectors', coalesce(st.connectors, (SELECT coalesce(jsonb_agg(jsonb_build_object('name', s.name, 'state', 'unknown'))
            , '[]') FROM sluice.sink_connectors s)),
        'snapshots', st.snapshots,
        'capture', (SELECT coalesce(jsonb_agg(sluice.entry(c.schema_name, c.table_name) ORDER BY c.schema_name, c.table_name), '[]')
            FROM sluice.capture c));
END
$f$;

-- Helpers are internal; the control functions are for sluice_admin only.
REVOKE ALL ON FUNCTION sluice.table_oid(text, text), sluice.key_columns(oid), sluice.check_columns(oid, text, text[]),
    sluice.check_key_kept(oid, text[], text[]), sluice.publications(), sluice.entry(text, text),
    sluice.require_entry(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sluice.add_table(text, text, text[], text[], text[], text, text), sluice.remove_table(text, text),
    sluice.add_column(text, text, text), sluice.remove_column(text, text, text), sluice.suspend(boolean, text),
    sluice.resume(text), sluice.create_sink_connector(text, jsonb), sluice.delete_sink_connector(text),
    sluice.status(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sluice.add_table(text, text, text[], text[], text[], text, text), sluice.remove_table(text, text),
    sluice.add_column(text, text, text), sluice.remove_column(text, text, text), sluice.suspend(boolean, text),
    sluice.resume(text), sluice.create_sink_connector(text, jsonb), sluice.delete_sink_connector(text),
    sluice.status(text), sluice.snapshot(text[], text, text), sluice.snapshot_pause(text), sluice.snapshot_resume(text),
    sluice.snapshot_cancel(text) TO sluice_admin;
GRANT SELECT ON sluice.capture, sluice.capture_history, sluice.control, sluice.status, sluice.sink_connectors,
    sluice.snapshot_requests TO sluice_admin;
