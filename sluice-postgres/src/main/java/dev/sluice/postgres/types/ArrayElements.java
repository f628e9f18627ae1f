package dev.sluice.postgres.types;

import dev.sluice.core.event.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads PostgreSQL's array literal into nested lists of the element type's Java values, for
 * encoders with a schema. The grammar is {@link ArrayLiteral}'s; explicit bounds
 * ({@code [0:1]={1,2}}) are read and dropped, because lists cannot hold them (the JSON format keeps
 * them). Kept apart from {@link ArrayLiteral}, which writes JSON on the hot path without building
 * lists. One instance per value.
 */
final class ArrayElements extends TextCursor {

    private final ValueType element;
    private final char delimiter;

    private ArrayElements(String text, ValueType element, char delimiter) {
        super(text, "array");
        this.element = element;
        this.delimiter = delimiter;
    }

    static List<Object> read(String text, ValueType element, char delimiter) {
        return new ArrayElements(text, element, delimiter).read();
    }

    private List<Object> read() {
        skipSpace();
        if (peek() == '[') {
            skipBounds();
        }
        List<Object> values = readDimension();
        skipSpace();
        if (!atEnd()) {
            throw malformed("the end of the array");
        }
        return values;
    }

    private void skipBounds() {
        while (peek() == '[') {
            while (!atEnd() && peek() != ']') {
                pos++;
            }
            expect(']');
        }
        expect('=');
    }

    private List<Object> readDimension() {
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        while (true) {
            skipSpace();
            char c = peek();
            if (c == '{') {
                values.add(readDimension());
            } else if (c == '"') {
                values.add(element.toJava(readQuoted()));
            } else {
                values.add(readUnquoted());
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                break;
            }
            expect(delimiter);
        }
        return Collections.unmodifiableList(values);
    }

    private Object readUnquoted() {
        int start = pos;
        int end = pos;
        while (!atEnd()) {
            char c = peek();
            if (c == delimiter || c == '}') {
                break;
            }
            if (c == '{' || c == '"' || c == '\\') {
                throw malformed("an element (PostgreSQL quotes one holding " + c + ")");
            }
            pos++;
            if (!isSpace(c)) {
                end = pos;
            }
        }
        if (end == start) {
            throw malformed("an element");
        }
        return isNull(start, end) ? null : element.toJava(text.substring(start, end));
    }
}
