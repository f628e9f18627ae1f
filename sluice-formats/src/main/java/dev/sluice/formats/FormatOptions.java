package dev.sluice.formats;

import dev.sluice.formats.debezium.DebeziumOptions;
import dev.sluice.formats.registry.RegistrySettings;
import java.util.Objects;

/**
 * The chosen format and what it needs.
 *
 * @param debezium options of {@link Format#DEBEZIUM_JSON}
 * @param registry the schema registry of {@link Format#AVRO}; null for the other formats
 */
public record FormatOptions(Format format, DebeziumOptions debezium, RegistrySettings registry) {

    public FormatOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(debezium, "debezium");
        if (format == Format.AVRO && registry == null) {
            throw new IllegalArgumentException("the avro format needs a schema registry");
        }
    }
}
