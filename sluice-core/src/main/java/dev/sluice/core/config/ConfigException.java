package dev.sluice.core.config;

import dev.sluice.core.error.FatalException;
import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found (configuration is checked once,
 * up front, so a user fixes all mistakes in one round), one line each, naming the setting, the
 * value, where it came from and what is accepted. The message is those lines joined by newlines.
 */
public final class ConfigException extends FatalException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems;
    }
}
