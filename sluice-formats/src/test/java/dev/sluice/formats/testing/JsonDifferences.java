package dev.sluice.formats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Field-by-field differences between two JSON documents, as paths ({@code payload.after.price}). */
public final class JsonDifferences {

    /** One differing field: its path and both values (null when the field is missing on that side). */
    public record Difference(String path, JsonNode ours, JsonNode theirs) {
        @Override
        public String toString() {
            return path + ": sluice=" + ours + " debezium=" + theirs;
        }
    }

    private JsonDifferences() {
    }

    public static List<Difference> of(JsonNode ours, JsonNode theirs) {
        List<Difference> out = new ArrayList<>();
        compare("", ours, theirs, out);
        return out;
    }

    private static void compare(String path, JsonNode ours, JsonNode theirs, List<Difference> out) {
        if (ours == null || theirs == null || ours.getNodeType() != theirs.getNodeType()) {
            if (!(ours == null && theirs == null)) {
                out.add(new Difference(path, ours, theirs));
            }
            return;
        }
        if (ours.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            ours.fieldNames().forEachRemaining(names::add);
            theirs.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, ours.get(name), theirs.get(name), out);
            }
        } else if (ours.isArray()) {
            if (ours.size() != theirs.size()) {
                out.add(new Difference(path, ours, theirs));
                return;
            }
            Iterator<JsonNode> a = ours.elements();
            Iterator<JsonNode> b = theirs.elements();
            for (int i = 0; a.hasNext(); i++) {
                compare(path + "[" + i + "]", a.next(), b.next(), out);
            }
        } else if (!ours.equals(theirs)) {
            out.add(new Difference(path, ours, theirs));
        }
    }
}
