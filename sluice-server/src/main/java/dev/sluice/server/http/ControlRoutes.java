package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.event.TableId;
import dev.sluice.server.control.ControlService;
import dev.sluice.server.control.ControlService.TableRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control operations as REST: {@code /tables}, {@code /suspend}, {@code /resume},
 * {@code /snapshots}, {@code /connectors}. The routes only translate: every check that matters is
 * the {@link ControlService}'s (the SQL functions'), so psql, this API and the CLI refuse the same
 * requests with the same words. Bodies are read strictly: an unknown field is a 400.
 */
final class ControlRoutes {

    private static final Set<String> TABLE_FIELDS = Set.of("schema", "table", "operations", "columns", "exclude_columns", "topic",
            "remark");

    private final ControlService control;

    ControlRoutes(ControlService control) {
        this.control = control;
    }

    void addTo(Router router) {
        router.add("GET", "/tables", r -> Response.json(200, control.tables()))
                .add("POST", "/tables", this::addTable)
                .add("DELETE", "/tables/{table}", r -> {
                    TableId table = r.table("table");
                    control.removeTable(table.schema(), table.table());
                    return Response.noContent();
                })
                .add("POST", "/tables/{table}/columns/{column}", r -> {
                    TableId table = r.table("table");
                    return Response.json(200, control.addColumn(table.schema(), table.table(), r.param("column")));
                })
                .add("DELETE", "/tables/{table}/columns/{column}", r -> {
                    TableId table = r.table("table");
                    return Response.json(200, control.removeColumn(table.schema(), table.table(), r.param("column")));
                })
                .add("POST", "/suspend", this::suspend)
                .add("POST", "/resume", r -> {
                    Json.onlyKnown(r.object(), Set.of());
                    control.resume();
                    return Response.json(202, Json.MAPPER.createObjectNode().put("requested", "resume"));
                })
                .add("POST", "/snapshots", this::snapshot);
        for (String action : List.of("pause", "resume", "cancel")) {
            router.add("POST", "/snapshots/" + action, r -> {
                Json.onlyKnown(r.object(), Set.of());
                long id = control.snapshotControl(action);
                return Response.json(202, Json.MAPPER.createObjectNode().put("requested", action).put("request", id));
            });
        }
        router.add("GET", "/connectors", r -> Response.json(200, control.connectors()))
                .add("POST", "/connectors", this::createConnector)
                .add("DELETE", "/connectors/{name}", r -> {
                    control.deleteConnector(r.param("name"));
                    return Response.noContent();
                });
    }

    private Response addTable(Request request) {
        ObjectNode body = request.object();
        Json.onlyKnown(body, TABLE_FIELDS);
        String schema = Json.string(body, "schema", false);
        TableRequest table = new TableRequest(schema == null ? "public" : schema, Json.string(body, "table", true),
                Json.strings(body, "operations"), Json.strings(body, "columns"), Json.strings(body, "exclude_columns"),
                Json.string(body, "topic", false), Json.string(body, "remark", false));
        JsonNode entry = control.addTable(table);
        return Response.json(201, entry).withHeader("Location", "/tables/" + pathSegment(new TableId(table.schema(), table.table())));
    }

    private Response suspend(Request request) {
        ObjectNode body = request.object();
        Json.onlyKnown(body, Set.of("drop_slot"));
        boolean dropSlot = Json.bool(body, "drop_slot", false);
        control.suspend(dropSlot);
        return Response.json(202, Json.MAPPER.createObjectNode().put("requested", "suspend").put("drop_slot", dropSlot));
    }

    private Response snapshot(Request request) {
        ObjectNode body = request.object();
        Json.onlyKnown(body, Set.of("tables", "condition"));
        List<String> tables = Json.strings(body, "tables");
        if (tables == null || tables.isEmpty()) {
            throw HttpError.badRequest("name the tables to snapshot: {\"tables\":[\"public.orders\"]}");
        }
        List<Long> ids = control.snapshot(tables, Json.string(body, "condition", false));
        return Response.json(202, Map.of("requests", ids));
    }

    private Response createConnector(Request request) {
        ObjectNode body = request.object();
        Json.onlyKnown(body, Set.of("name", "config"));
        String name = Json.string(body, "name", true);
        JsonNode created = control.createConnector(name, Json.requiredObject(body, "config"));
        return Response.json(201, created).withHeader("Location", "/connectors/" + encode(name));
    }

    /** A table as one path segment: quoted, so that dots in names survive, and percent-encoded. */
    static String pathSegment(TableId table) {
        return encode(table.quoted());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
