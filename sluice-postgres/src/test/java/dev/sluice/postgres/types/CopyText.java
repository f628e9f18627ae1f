package dev.sluice.postgres.types;

/** Undoes COPY's text-format escaping of one field, as the snapshot reader must. */
final class CopyText {

    private CopyText() {
    }

    /** The field's value; null for {@code \N}. */
    static String unescape(String field) {
        if (field.equals("\\N")) {
            return null;
        }
        if (field.indexOf('\t') >= 0) {
            throw new AssertionError("more than one field: " + field);
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = field.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000B');
                case 'x' -> {
                    int end = i + 1;
                    while (end < field.length() && end < i + 3 && Character.digit(field.charAt(end), 16) >= 0) {
                        end++;
                    }
                    sb.append((char) Integer.parseInt(field.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < field.length() && end < i + 3 && field.charAt(end) >= '0' && field.charAt(end) <= '7') {
                            end++;
                        }
                        sb.append((char) Integer.parseInt(field.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return sb.toString();
    }
}
