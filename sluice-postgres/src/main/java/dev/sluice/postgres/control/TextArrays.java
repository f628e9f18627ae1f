package dev.sluice.postgres.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a one-dimensional {@code text[]} in PostgreSQL's output form ({@code {a,"b c",NULL}}), as
 * the replication stream sends the control tables' array columns. Parses or throws.
 */
final class TextArrays {

    private TextArrays() {
    }

    /** The elements, or null for a null array; a NULL element is null. */
    static List<String> parse(String literal) {
        if (literal == null) {
            return null;
        }
        if (literal.length() < 2 || literal.charAt(0) != '{' || literal.charAt(literal.length() - 1) != '}') {
            throw new IllegalArgumentException("not a one-dimensional array literal: " + literal);
        }
        List<String> elements = new ArrayList<>();
        int end = literal.length() - 1;
        int i = 1;
        while (i < end) {
            StringBuilder element = new StringBuilder();
            boolean quoted = literal.charAt(i) == '"';
            if (quoted) {
                i++;
                while (literal.charAt(i) != '"') {
                    if (literal.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(literal.charAt(i++));
                }
                i++;
            } else {
                while (i < end && literal.charAt(i) != ',') {
                    element.append(literal.charAt(i++));
                }
            }
            String text = element.toString();
            elements.add(!quoted && text.equals("NULL") ? null : text);
            if (i < end && literal.charAt(i) != ',') {
                throw new IllegalArgumentException("not a one-dimensional array literal: " + literal);
            }
            i++;
        }
        return elements;
    }
}
