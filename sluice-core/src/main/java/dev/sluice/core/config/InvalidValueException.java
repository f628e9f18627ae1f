package dev.sluice.core.config;

/**
 * Thrown by a {@link SettingType} or a {@link Setting.Validation} when a value is not acceptable.
 * The message is the tail of the line the user reads, saying what is wrong and what is accepted,
 * e.g. {@code is not a duration; use e.g. 500ms, 10s, 5m}; the resolver puts the setting's name,
 * the value and its origin in front.
 */
public final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String problemAndRemedy) {
        super(problemAndRemedy, null, false, false);
    }
}
