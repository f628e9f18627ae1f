package dev.sluice.core.spi;

import java.util.Optional;

/**
 * Durable storage of a source's {@link SourcePosition}.
 *
 * <p>The durability contract, which every implementation and every caller keeps: a position is
 * saved (and confirmed to the source) only after the sink has acknowledged every event at or
 * before it, and a snapshot is marked complete only after every row it read was acknowledged.
 * A crash between the ack and the save repeats some events on restart (at-least-once); it never
 * skips one. {@link #save} returns only when the position is on stable storage.
 */
public interface OffsetStore {

    Optional<SourcePosition> load();

    void save(SourcePosition position);

    /** Forgets the stored position (a fresh start with a new snapshot). */
    void clear();
}
