package dev.sluice.core.event;

/**
 * A PostgreSQL write-ahead-log position ("log sequence number"), as an unsigned 64-bit value.
 *
 * <p>Immutable and thread-safe. {@link #parse} either returns a valid position or throws: unlike
 * pgjdbc's {@code LogSequenceNumber.valueOf} there is no sentinel for bad input.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** The position 0/0, which PostgreSQL uses for "unknown"; never confirm it to a server. */
    public static final Lsn ZERO = new Lsn(0);

    /** Parses the {@code X/Y} hexadecimal form PostgreSQL prints, e.g. {@code 16/B374D848}. */
    public static Lsn parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not an LSN (expected X/Y in hexadecimal): " + text);
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL || high < 0 || low < 0) {
                throw new IllegalArgumentException("not an LSN (each half is 32 bits): " + text);
            }
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN (expected X/Y in hexadecimal): " + text, e);
        }
    }

    public boolean isZero() {
        return value == 0;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
