package dev.sluice.core.spi;

import dev.sluice.core.event.ChangeEvent;
import java.util.List;

/**
 * Changes a source hands over together, in order, as one {@link ChangeListener#onChanges} call.
 * A batch made by a listener's {@link ChangePreparer} may carry work already done for it on the
 * source's reading thread; to anyone else it is just its events.
 */
public class ChangeBatch {

    private final List<ChangeEvent> events;

    public ChangeBatch(List<ChangeEvent> events) {
        this.events = events;
    }

    /** The source's events, in order. */
    public final List<ChangeEvent> events() {
        return events;
    }
}
