package dev.sluice.core.error;

/**
 * A fault that retrying cannot fix (bad credentials, missing privilege, wrong server settings, the
 * slot dropped): the message is the one line a user reads, naming the problem and the fix.
 */
public class FatalException extends SluiceException {

    public FatalException(String message, Throwable cause) {
        super(message, cause);
    }

    public FatalException(String message) {
        super(message, null);
    }
}
