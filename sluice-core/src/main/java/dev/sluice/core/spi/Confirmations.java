package dev.sluice.core.spi;

import dev.sluice.core.event.Lsn;

/** How a source learns which positions it may confirm: the pipeline's view of sink acknowledgements. */
public interface Confirmations {

    /**
     * The highest commit position whose changes, and all changes before them, the sink has
     * acknowledged; {@link Lsn#ZERO} when there is none yet. Throws the sink's failure, if any, as
     * a {@link dev.sluice.core.error.RetriableException}.
     */
    Lsn confirmable();

    /** True when no change is waiting for the sink: positions the source reads next may be confirmed. */
    boolean idle();

    /**
     * Runs {@code action} once every change handed to the listener so far has been acknowledged by
     * the sink: at once if nothing is in flight, else on the source's thread during a later call of
     * {@link #confirmable()} or {@link #idle()}. Never runs it if the sink fails first.
     */
    void whenAcknowledged(Runnable action);
}
