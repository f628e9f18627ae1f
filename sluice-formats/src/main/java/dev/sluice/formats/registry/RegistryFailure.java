package dev.sluice.formats.registry;

/** What Sluice does when the schema registry cannot register a schema: a record is never sent without its schema id. */
public enum RegistryFailure {
    /** Treat it as transient: stop this attempt and start over from the last confirmed position after a backoff. */
    RETRY,
    /** Stop Sluice with the registry's answer. */
    STOP
}
