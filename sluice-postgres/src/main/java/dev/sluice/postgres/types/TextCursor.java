package dev.sluice.postgres.types;

/**
 * A position in one value's text, with the reading steps that array and hstore literals share:
 * PostgreSQL quotes their elements the same way (double quotes, a backslash escaping the next
 * character) and skips the same white space around them. One cursor per value: not thread-safe.
 */
abstract class TextCursor {

    final String text;
    int pos;
    private final String form;
    private StringBuilder unescaped;

    TextCursor(String text, String form) {
        this.text = text;
        this.form = form;
    }

    /** The current character, or {@code '\0'} at the end (PostgreSQL text never holds NUL). */
    final char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    final boolean atEnd() {
        return pos >= text.length();
    }

    final void expect(char c) {
        if (peek() != c || atEnd()) {
            throw malformed("'" + c + "'");
        }
        pos++;
    }

    final void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Reads a double-quoted token at {@code pos}, undoing backslash escapes; copies once. */
    final String readQuoted() {
        int start = ++pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                return readEscaped(start);
            }
            pos++;
        }
        throw malformed("a closing '\"'");
    }

    private String readEscaped(int start) {
        if (unescaped == null) {
            unescaped = new StringBuilder(text.length());
        }
        StringBuilder sb = unescaped;
        sb.setLength(0);
        sb.append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        throw malformed("a closing '\"'");
    }

    /** Whether {@code text[start, end)} spells NULL, in any case, as the input functions accept it. */
    final boolean isNull(int start, int end) {
        return end - start == 4 && text.regionMatches(true, start, "NULL", 0, 4);
    }

    final MalformedValueException malformed(String expected) {
        return new MalformedValueException(form, expected, pos, text);
    }

    /** White space as {@code array_in} and {@code hstore_in} skip it around elements. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }
}
