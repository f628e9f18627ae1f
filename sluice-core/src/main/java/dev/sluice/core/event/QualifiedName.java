package dev.sluice.core.event;

import java.util.ArrayList;
import java.util.List;

/** Splitting and quoting of dotted SQL identifiers, the way PostgreSQL writes them. */
public final class QualifiedName {

    private QualifiedName() {
    }

    /** Splits on dots outside double quotes; quoted parts lose their quotes, {@code ""} becomes {@code "}. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty name");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                addPart(parts, current, wasQuoted, text);
                current.setLength(0);
                wasQuoted = false;
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in name: " + text);
        }
        addPart(parts, current, wasQuoted, text);
        return parts;
    }

    private static void addPart(List<String> parts, StringBuilder part, boolean wasQuoted, String text) {
        String value = wasQuoted ? part.toString() : part.toString().trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty part in name: " + text);
        }
        parts.add(value);
    }

    /** Double-quotes an identifier for SQL, doubling any quote inside it. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Single-quotes a string literal for SQL, doubling any quote inside it. */
    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
