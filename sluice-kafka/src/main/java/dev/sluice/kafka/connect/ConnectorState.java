package dev.sluice.kafka.connect;

import java.util.List;
import java.util.Objects;

/**
 * A connector's state: as Kafka Connect reports it, or one of Sluice's own two states for a
 * connector that Connect does not run ({@link #MISSING}, {@link #WAITING_FOR_TOPICS}).
 *
 * @param name the connector's name
 * @param state Connect's state ({@code RUNNING}, {@code FAILED}, {@code PAUSED},
 *        {@code UNASSIGNED}, {@code RESTARTING}, {@code STOPPED}) or one of Sluice's
 * @param workerId the {@code host:port} of the worker that runs the connector, or {@code null}
 *        for Sluice's states
 * @param tasks the connector's tasks, by id; empty for Sluice's states
 */
public record ConnectorState(String name, String state, String workerId, List<TaskState> tasks) {

    /** Connect has no connector of that name. */
    public static final String MISSING = "MISSING";
    /**
     * Sluice has not created the connector because it writes no topic yet, and Connect refuses a
     * sink connector without {@code topics}.
     */
    public static final String WAITING_FOR_TOPICS = "WAITING_FOR_TOPICS";

    public ConnectorState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        tasks = List.copyOf(tasks);
    }

    /** A state of Sluice's own, for a connector that Connect does not run. */
    static ConnectorState notRunning(String name, String state) {
        return new ConnectorState(name, state, null, List.of());
    }
}
