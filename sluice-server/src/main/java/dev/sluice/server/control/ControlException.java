package dev.sluice.server.control;

/**
 * A control operation that could not be done, with the one line to show the user. Its kind maps to
 * an HTTP status and a CLI exit status.
 */
public final class ControlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    public enum Kind {
        /** A bad argument: 400. */
        INVALID(400),
        /** The table, column or connector does not exist: 404. */
        NOT_FOUND(404),
        /** Already there (a duplicate add): 409. */
        CONFLICT(409),
        /** The caller may not do this (no grant, no token): 403. */
        FORBIDDEN(403),
        /** The database or Connect cannot be reached, or Sluice's schema is not installed: 503. */
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public ControlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ControlException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
