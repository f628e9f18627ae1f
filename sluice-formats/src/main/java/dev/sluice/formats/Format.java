package dev.sluice.formats;

/** The bytes Sluice writes for keys and values. */
public enum Format {
    /** Sluice's own JSON envelope (see the README's output contract). */
    JSON,
    /** Debezium's PostgreSQL connector format through Kafka's JsonConverter. */
    DEBEZIUM_JSON,
    /** Avro in the Confluent wire format, schemas in a schema registry. */
    AVRO
}
