package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ValueType;
import java.io.IOException;

/**
 * Reads PostgreSQL's array literal ({@code array_out}) and writes it as nested JSON arrays, each
 * element rendered by the element type.
 *
 * <p>The grammar: optional bounds {@code [lo:hi]...=} (printed only when a lower bound is not 1),
 * then {@code {...}} nested once per dimension; elements are separated by the element type's
 * delimiter ({@code ,}, or {@code ;} for {@code box}); an unquoted {@code NULL} is SQL NULL; an
 * element is double-quoted when it is empty, spells NULL, or holds a brace, delimiter, quote,
 * backslash or white space, and inside quotes a backslash escapes the next character.
 *
 * <p>An array with explicit bounds becomes {@code {"lowerBounds": [0], "elements": [...]}}, so
 * that the bounds, which a plain JSON array cannot hold, are not lost. One cursor per value; an
 * element is copied once, and a quoted one is unescaped only when it holds a backslash.
 */
final class ArrayLiteral extends TextCursor {

    private final ValueType element;
    private final char delimiter;
    private final JsonGenerator out;

    private ArrayLiteral(String text, ValueType element, char delimiter, JsonGenerator out) {
        super(text, "array");
        this.element = element;
        this.delimiter = delimiter;
        this.out = out;
    }

    static void write(String text, ValueType element, char delimiter, JsonGenerator out) throws IOException {
        new ArrayLiteral(text, element, delimiter, out).write();
    }

    private void write() throws IOException {
        skipSpace();
        if (peek() == '[') {
            writeWithBounds();
        } else {
            writeDimension();
        }
        skipSpace();
        if (!atEnd()) {
            throw malformed("the end of the array");
        }
    }

    private void writeWithBounds() throws IOException {
        out.writeStartObject();
        out.writeFieldName("lowerBounds");
        out.writeStartArray();
        while (peek() == '[') {
            pos++;
            out.writeNumber(readBound());
            expect(':');
            readBound();
            expect(']');
        }
        out.writeEndArray();
        expect('=');
        out.writeFieldName("elements");
        writeDimension();
        out.writeEndObject();
    }

    private int readBound() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative || peek() == '+') {
            pos++;
        }
        long value = 0;
        int digits = pos;
        while (NumberText.isDigit(peek()) && value <= Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(pos++) - '0');
        }
        if (pos == digits || value > Integer.MAX_VALUE + (negative ? 1L : 0L)) {
            pos = start;
            throw malformed("an array bound");
        }
        return (int) (negative ? -value : value);
    }

    private void writeDimension() throws IOException {
        skipSpace();
        expect('{');
        out.writeStartArray();
        skipSpace();
        if (peek() == '}') {
            pos++;
            out.writeEndArray();
            return;
        }
        while (true) {
            skipSpace();
            char c = peek();
            if (c == '{') {
                writeDimension();
            } else if (c == '"') {
                element.writeJson(readQuoted(), out);
            } else {
                writeUnquoted();
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                break;
            }
            expect(delimiter);
        }
        out.writeEndArray();
    }

    private void writeUnquoted() throws IOException {
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
        if (isNull(start, end)) {
            out.writeNull();
        } else {
            element.writeJson(text.substring(start, end), out);
        }
    }
}
