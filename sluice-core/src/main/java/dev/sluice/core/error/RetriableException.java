package dev.sluice.core.error;

/** A transient fault (connection lost, broker restarting): retried with backoff from the confirmed position. */
public class RetriableException extends SluiceException {

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableException(String message) {
        super(message, null);
    }
}
