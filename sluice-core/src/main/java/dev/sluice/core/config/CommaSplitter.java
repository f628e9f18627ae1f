package dev.sluice.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text form of a list or map on commas outside double quotes, so a quoted SQL name
 * such as {@code "a,b".orders} or a quoted producer property survives as one item. Quotes are kept:
 * their meaning belongs to whoever reads the item.
 */
final class CommaSplitter {

    private CommaSplitter() {
    }

    /** The trimmed, non-empty pieces of {@code text}. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(pieces, current);
            } else {
                current.append(c);
            }
        }
        add(pieces, current);
        return pieces;
    }

    private static void add(List<String> pieces, StringBuilder current) {
        String piece = current.toString().trim();
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        current.setLength(0);
    }
}
