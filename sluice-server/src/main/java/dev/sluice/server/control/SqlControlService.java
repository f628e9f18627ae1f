package dev.sluice.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.postgres.control.ControlFunctions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link ControlService} that calls the {@code sluice.*} SQL functions: the HTTP API and the
 * CLI do exactly what psql does, with the functions' checks and errors. Connector entries get
 * their live state from the running Sluice when it manages them.
 */
public final class SqlControlService implements ControlService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ControlException.Kind> KINDS = Map.of(
            "42P01", ControlException.Kind.NOT_FOUND,
            "42703", ControlException.Kind.NOT_FOUND,
            "P0002", ControlException.Kind.NOT_FOUND,
            "42710", ControlException.Kind.CONFLICT,
            "42501", ControlException.Kind.FORBIDDEN,
            "22023", ControlException.Kind.INVALID,
            "42809", ControlException.Kind.INVALID,
            "42601", ControlException.Kind.INVALID);

    private final ControlFunctions functions;
    private final Function<String, JsonNode> connectorState;

    /** {@code connectorState}: a managed connector's live state by name (null when unknown). */
    public SqlControlService(PostgresSourceConfig source, Function<String, JsonNode> connectorState) {
        PgConnector connector = new PgConnector(source);
        this.functions = new ControlFunctions(connector::open);
        this.connectorState = connectorState;
    }

    @Override
    public JsonNode status() {
        return json(run(functions::status));
    }

    @Override
    public JsonNode tables() {
        return json(run(functions::tables));
    }

    @Override
    public JsonNode addTable(TableRequest r) {
        return json(run(() -> functions.addTable(r.schema(), r.table(), r.operations(), r.columns(), r.excludeColumns(), r.topic(),
                r.remark())));
    }

    @Override
    public void removeTable(String schema, String table) {
        run(() -> {
            functions.removeTable(schema, table);
            return null;
        });
    }

    @Override
    public JsonNode addColumn(String schema, String table, String column) {
        return json(run(() -> functions.addColumn(schema, table, column)));
    }

    @Override
    public JsonNode removeColumn(String schema, String table, String column) {
        return json(run(() -> functions.removeColumn(schema, table, column)));
    }

    @Override
    public void suspend(boolean dropSlot) {
        run(() -> {
            functions.suspend(dropSlot);
            return null;
        });
    }

    @Override
    public void resume() {
        run(() -> {
            functions.resume();
            return null;
        });
    }

    @Override
    public List<Long> snapshot(List<String> tables, String condition) {
        if (tables != null) {
            for (String table : tables) {
                try {
                    TableId.parse(table, "public");
                } catch (IllegalArgumentException e) {
                    throw new ControlException(ControlException.Kind.INVALID, e.getMessage());
                }
            }
        }
        return run(() -> functions.snapshot(tables, condition));
    }

    @Override
    public long snapshotControl(String action) {
        return run(() -> functions.snapshotControl(action));
    }

    @Override
    public JsonNode connectors() {
        ArrayNode connectors = (ArrayNode) json(run(functions::connectors));
        for (JsonNode connector : connectors) {
            JsonNode state = connectorState.apply(connector.get("name").asText());
            ((ObjectNode) connector).set("state", state == null ? JSON.getNodeFactory().textNode("unknown") : state);
        }
        return connectors;
    }

    @Override
    public JsonNode createConnector(String name, JsonNode config) {
        return json(run(() -> functions.createConnector(name, config == null ? null : config.toString())));
    }

    @Override
    public void deleteConnector(String name) {
        run(() -> {
            functions.deleteConnector(name);
            return null;
        });
    }

    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (ControlFunctions.Refused e) {
            throw new ControlException(KINDS.getOrDefault(e.sqlState(), kindOf(e.sqlState())), e.getMessage(), e);
        } catch (dev.sluice.core.error.SluiceException e) {
            throw new ControlException(ControlException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private static ControlException.Kind kindOf(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("28") || sqlState.startsWith("3") || sqlState.startsWith("5")
                ? ControlException.Kind.UNAVAILABLE : ControlException.Kind.INVALID;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sluice function returned malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
