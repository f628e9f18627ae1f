package dev.sluice.core.event;

/**
 * A row's values in the database's text form, one per column of its {@link RowSchema}; a null
 * element is SQL NULL.
 *
 * <p>{@code unchanged} is null unless some column's value was not sent because it is a TOASTed
 * value the change did not touch: that column's element is null and {@code unchanged[i]} is true.
 * Such a value is unknown, not NULL, and must never be emitted as either.
 */
public record Row(String[] values, boolean[] unchanged) {

    public Row(String[] values) {
        this(values, null);
    }

    public boolean isUnchanged(int column) {
        return unchanged != null && unchanged[column];
    }

    public boolean hasUnchanged() {
        return unchanged != null;
    }

    public String value(int column) {
        return values[column];
    }
}
