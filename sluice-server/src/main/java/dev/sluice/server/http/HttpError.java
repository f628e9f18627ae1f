package dev.sluice.server.http;

/** A request the admin API refuses, answered with {@code status} and {@code {"error": message}}. */
class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    int status() {
        return status;
    }
}
