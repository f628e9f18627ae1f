package dev.sluice.core.event;

/** What happened to a row; {@link #code()} is the {@code op} field of the envelope. */
public enum Operation {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    /** A row read by a snapshot. */
    READ("r"),
    TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
