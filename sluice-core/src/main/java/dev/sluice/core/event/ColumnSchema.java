package dev.sluice.core.event;

/** One column of a captured table: its name, its type and whether it is part of the row's key. */
public record ColumnSchema(String name, ValueType type, boolean key) {
}
