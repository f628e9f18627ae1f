package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Reads the {@code hstore} extension's text form and writes a JSON object of string keys to string
 * or null values.
 *
 * <p>{@code hstore_out} prints {@code "key"=>"value"} pairs separated by {@code ", "}, both sides
 * double-quoted with {@code "} and {@code \} escaped by a backslash, and an unquoted {@code NULL}
 * for a null value; the empty hstore is the empty string. Unquoted keys and values (which
 * {@code hstore_in} accepts) are read too. Keys are unique in a stored hstore, so the object has
 * no duplicate names.
 */
final class HstoreText extends TextCursor {

    private HstoreText(String text) {
        super(text, "hstore");
    }

    static void write(String text, JsonGenerator out) throws IOException {
        new HstoreText(text).write(out);
    }

    private void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        skipSpace();
        while (!atEnd()) {
            out.writeFieldName(peek() == '"' ? readQuoted() : readUnquoted(false));
            skipSpace();
            expect('=');
            expect('>');
            skipSpace();
            if (peek() == '"') {
                out.writeString(readQuoted());
            } else {
                String value = readUnquoted(true);
                if (value == null) {
                    out.writeNull();
                } else {
                    out.writeString(value);
                }
            }
            skipSpace();
            if (!atEnd()) {
                expect(',');
                skipSpace();
            }
        }
        out.writeEndObject();
    }

    /** An unquoted token; null for NULL when {@code nullable}. */
    private String readUnquoted(boolean nullable) {
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            if (c == '=' || c == ',' || isSpace(c)) {
                break;
            }
            if (c == '\\' || c == '"') {
                throw malformed("a key or value (PostgreSQL quotes one holding " + c + ")");
            }
            pos++;
        }
        if (pos == start) {
            throw malformed("a key or value");
        }
        return nullable && isNull(start, pos) ? null : text.substring(start, pos);
    }
}
