package dev.sluice.core.error;

/**
 * The root of Sluice's errors. Unchecked, and always one of two kinds: {@link RetriableException}
 * (the pipeline backs off and resumes from the confirmed position) or {@link FatalException}
 * (the process stops with the message, which says what is wrong and what to do).
 */
public abstract class SluiceException extends RuntimeException {

    protected SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
