package dev.sluice.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading request bodies field by field, so that every malformed or misspelt field is a 400 that
 * names it (a typo such as {@code exclude-columns} must not silently capture every column).
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code body} parsed as a JSON object; an empty body is an empty object. */
    static ObjectNode object(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("malformed JSON in the request body: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw HttpError.badRequest("the request body must be a JSON object, not " + kind(node));
        }
        return object;
    }

    /** Refuses fields other than {@code known}. */
    static void onlyKnown(ObjectNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw HttpError.badRequest("unknown field '" + name + "'; known fields: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** A string field; null when absent or null, unless required. */
    static String string(ObjectNode body, String name, boolean required) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw HttpError.badRequest("missing field '" + name + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw HttpError.badRequest("field '" + name + "' must be a string, not " + kind(value));
        }
        return value.asText();
    }

    /** An array of strings; null when absent or null. */
    static List<String> strings(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw HttpError.badRequest("field '" + name + "' must be an array of strings or null, not " + kind(value));
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw HttpError.badRequest("field '" + name + "' must be an array of strings; it holds " + kind(element));
            }
            result.add(element.asText());
        }
        return result;
    }

    static boolean bool(ObjectNode body, String name, boolean absent) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw HttpError.badRequest("field '" + name + "' must be true or false, not " + kind(value));
        }
        return value.asBoolean();
    }

    /** A JSON object field that must be there. */
    static ObjectNode requiredObject(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            throw HttpError.badRequest("missing field '" + name + "'");
        }
        if (!(value instanceof ObjectNode object)) {
            throw HttpError.badRequest("field '" + name + "' must be a JSON object, not " + kind(value));
        }
        return object;
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
