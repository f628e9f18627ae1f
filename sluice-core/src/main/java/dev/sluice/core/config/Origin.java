package dev.sluice.core.config;

import java.util.Objects;

/**
 * Where a setting's value came from, as a user would look for it: {@code sluice.yaml:7},
 * {@code SLUICE_SLOT}, {@code --slot}. Every error message names it, because a wrong value is only
 * fixable once the user knows which of the config file, the environment or the command line set it.
 *
 * @param label the text shown in messages
 */
public record Origin(String label) {

    /** The declared default. */
    public static final Origin DEFAULT = new Origin("the default");

    public Origin {
        Objects.requireNonNull(label, "label");
    }

    /** A key of a configuration file, at a line (1-based) when known (0 otherwise). */
    public static Origin file(String fileName, int line) {
        return new Origin(line > 0 ? fileName + ":" + line : fileName);
    }

    /** An environment variable. */
    public static Origin environment(String variable) {
        return new Origin(variable);
    }

    /** A command-line flag such as {@code --slot}. */
    public static Origin flag(String flag) {
        return new Origin(flag);
    }

    @Override
    public String toString() {
        return label;
    }
}
