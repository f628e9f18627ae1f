package dev.sluice.formats.debezium;

import java.util.Objects;

/**
 * What a Debezium user sets that changes the bytes: Kafka's JsonConverter {@code schemas.enable}
 * and the connector's {@code decimal.handling.mode} and {@code time.precision.mode}.
 *
 * @param schemas   write {@code {"schema": ..., "payload": ...}} (true) or the payload alone
 * @param version   the {@code source.version} written in every record (Sluice's own version)
 */
public record DebeziumOptions(boolean schemas, DecimalHandling decimalHandling, TimePrecision timePrecision, String version) {

    public DebeziumOptions {
        Objects.requireNonNull(decimalHandling, "decimalHandling");
        Objects.requireNonNull(timePrecision, "timePrecision");
        Objects.requireNonNull(version, "version");
    }

    /** Debezium's defaults: schemas on, precise decimals, adaptive times. */
    public static DebeziumOptions defaults(String version) {
        return new DebeziumOptions(true, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, version);
    }
}
