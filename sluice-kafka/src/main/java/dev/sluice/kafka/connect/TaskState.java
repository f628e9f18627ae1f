package dev.sluice.kafka.connect;

import java.util.Objects;

/**
 * One task of a connector as Kafka Connect reports it.
 *
 * @param id the task's number within its connector, from 0
 * @param state Connect's state: {@code RUNNING}, {@code FAILED}, {@code PAUSED},
 *        {@code UNASSIGNED}, {@code RESTARTING} or {@code STOPPED}
 * @param trace the first line of a failed task's stack trace (the exception and its message), or
 *        {@code null} when Connect gives none
 */
public record TaskState(int id, String state, String trace) {

    public TaskState {
        Objects.requireNonNull(state, "state");
    }
}
