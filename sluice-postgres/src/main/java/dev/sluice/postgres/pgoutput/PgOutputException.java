package dev.sluice.postgres.pgoutput;

/** Bytes that are not a valid pgoutput message: a protocol mismatch or corruption, never a user mistake. */
public final class PgOutputException extends RuntimeException {

    public PgOutputException(String message) {
        super(message);
    }

    public PgOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
