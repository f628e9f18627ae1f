package dev.sluice.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any JSON object as text for a terminal: fields as aligned {@code name  value} lines, nested
 * objects indented under their name, arrays of objects as tables. Used where the answer's shape
 * belongs to the server (status), so the CLI shows whatever the server adds.
 */
final class JsonText {

    private JsonText() {
    }

    static void print(JsonNode object, PrintWriter out) {
        print(object, out, "");
    }

    private static void print(JsonNode object, PrintWriter out, String indent) {
        int width = 0;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                out.println(indent + name + ":");
                print(value, out, indent + "  ");
            } else if (value.isArray() && !value.isEmpty() && allObjects(value)) {
                out.println(indent + name + ":");
                table(value).print(out, indent + "  ");
            } else {
                out.println((indent + pad(name, width) + "  " + scalar(value)).stripTrailing());
            }
        }
    }

    /** An array of objects as a table whose columns are their fields. */
    static TextTable table(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode element : array) {
            element.fieldNames().forEachRemaining(names::add);
        }
        List<String> headers = new ArrayList<>();
        names.forEach(name -> headers.add(name.toUpperCase(java.util.Locale.ROOT)));
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (JsonNode element : array) {
            List<String> cells = new ArrayList<>();
            for (String name : names) {
                cells.add(scalar(element.get(name)));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table;
    }

    static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return "-";
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "(none)";
            }
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(element.isValueNode() ? element.asText() : element.toString()));
            return String.join(", ", parts);
        }
        if (value.isObject()) {
            return value.isEmpty() ? "{}" : value.toString();
        }
        return value.asText();
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
