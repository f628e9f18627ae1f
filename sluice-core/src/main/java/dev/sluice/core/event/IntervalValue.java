package dev.sluice.core.event;

/**
 * A calendar interval as PostgreSQL keeps it: months, days and microseconds are separate because
 * a month has no fixed number of days and a day no fixed number of seconds (daylight saving).
 * Each part carries its own sign.
 */
public record IntervalValue(int months, int days, long micros) {
}
