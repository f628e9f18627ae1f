package dev.sluice.core.event;

/**
 * A row's values in the database's text form, one per column of its {@link RowSchema}; a null
 * element is SQL NULL.
 *
 * <p>{@code absent} is null unless the source did not send some column's value: a TOASTed value
 * an update did not touch, or a non-key column of an old row sent as its key only. Such a value
 * is unknown, not NULL, and is never emitted as either: encoders leave it out.
 */
public record Row(String[] values, boolean[] absent) {

    public Row(String[] values) {
        this(values, null);
    }

    public boolean isAbsent(int column) {
        return absent != null && absent[column];
    }

    public boolean hasAbsent() {
        return absent != null;
    }

    public String value(int column) {
        return values[column];
    }
}
