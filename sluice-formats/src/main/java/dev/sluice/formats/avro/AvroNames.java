package dev.sluice.formats.avro;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.zip.CRC32;

/**
 * Avro names from PostgreSQL identifiers and Kafka topics. Avro allows {@code [A-Za-z_][A-Za-z0-9_]*};
 * PostgreSQL allows almost anything ({@code "Zähler"}, {@code "with.dot"}, {@code "a b"}).
 *
 * <p>A name that is already legal is kept. Otherwise every illegal character becomes {@code _} and
 * a suffix of eight hex digits of the original's CRC-32 is added ({@code with.dot} →
 * {@code with_dot_5e564431}). The suffix depends on that one name only, so a field keeps its
 * Avro name when other columns are added or dropped (which schema evolution needs), and two
 * names that differ only in illegal characters stay apart. Stateless.
 */
final class AvroNames {

    private AvroNames() {
    }

    /** A field, record or enum name for {@code identifier}. */
    static String of(String identifier) {
        if (isLegal(identifier)) {
            return identifier;
        }
        return replaceIllegal(identifier) + "_" + crc(identifier);
    }

    /** A namespace from a topic: each dot-separated part made legal ({@code shop.public.my-table} → {@code shop.public.my_table}). */
    static String namespace(String topic) {
        StringJoiner joined = new StringJoiner(".");
        for (String part : topic.split("\\.", -1)) {
            joined.add(part.isEmpty() ? "_" : replaceIllegal(part));
        }
        return joined.toString();
    }

    static boolean isLegal(String name) {
        if (name.isEmpty() || !isStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String replaceIllegal(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (name.isEmpty() || !isStart(name.charAt(0))) {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(isPart(c) ? c : '_');
        }
        return out.toString();
    }

    private static boolean isStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isPart(char c) {
        return isStart(c) || c >= '0' && c <= '9';
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
