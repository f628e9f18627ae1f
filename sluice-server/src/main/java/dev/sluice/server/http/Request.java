package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.event.TableId;
import java.util.Map;

/** A request as a route sees it: its path parameters (decoded) and its body. */
final class Request {

    private final Map<String, String> params;
    private final byte[] body;

    Request(Map<String, String> params, byte[] body) {
        this.params = params;
        this.body = body;
    }

    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** The path parameter {@code name} as a table: {@code schema.table}, either part double-quoted if it holds a dot; no schema is public. */
    TableId table(String name) {
        try {
            return TableId.parse(param(name), "public");
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    /** The body as a JSON object (an empty body is an empty object). */
    ObjectNode object() {
        return Json.object(body);
    }
}
