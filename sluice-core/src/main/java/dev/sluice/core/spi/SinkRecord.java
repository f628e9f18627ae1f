package dev.sluice.core.spi;

/**
 * One record for a sink: encoded key and value (either may be null: no key for unkeyed tables,
 * no value for a tombstone) and the topic (or stream, or file section) it belongs to.
 */
public record SinkRecord(String topic, byte[] key, byte[] value, long timestampMillis) {
}
