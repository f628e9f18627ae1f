package dev.sluice.core.spi;

import dev.sluice.core.event.ChangeEvent;
import java.util.List;

/**
 * Does a listener's per-event work for a batch of changes ahead of time, on the thread that read
 * them, so that a source reading with several threads (the parallel snapshot) spreads that work
 * over them instead of leaving it all to the listener's thread. One preparer per thread.
 */
@FunctionalInterface
public interface ChangePreparer {

    /** The batch to hand to {@link ChangeListener#onChanges}; {@code events} are not touched afterwards. */
    ChangeBatch prepare(List<ChangeEvent> events);
}
