package dev.sluice.core.event;

/**
 * One column of a captured table: its name, its type, whether it is part of the row's key and
 * whether it may hold NULL ({@code NOT NULL} columns are required fields in formats with a schema).
 */
public record ColumnSchema(String name, ValueType type, boolean key, boolean nullable) {

    /** A column whose nullability is not known: key columns are taken as NOT NULL, the others as nullable. */
    public ColumnSchema(String name, ValueType type, boolean key) {
        this(name, type, key, !key);
    }
}
