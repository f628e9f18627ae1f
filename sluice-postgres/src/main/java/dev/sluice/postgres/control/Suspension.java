package dev.sluice.postgres.control;

/**
 * A request to suspend Sluice, by {@code sluice.suspend()}.
 *
 * @param dropSlot drop the replication slot too (resuming then takes a new snapshot)
 */
public record Suspension(boolean dropSlot) {
}
