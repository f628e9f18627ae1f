package dev.sluice.postgres.types;

/** TEMPORARY STUB — replaced by the type-mapping work. */
public final class PgSessionSettings {
    private PgSessionSettings() {
    }

    public static String connectionOptions() {
        return "-c DateStyle=ISO,MDY -c IntervalStyle=iso_8601 -c TimeZone=UTC -c extra_float_digits=3 -c bytea_output=hex";
    }
}
