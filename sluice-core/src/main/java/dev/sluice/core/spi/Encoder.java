package dev.sluice.core.spi;

import dev.sluice.core.event.ChangeEvent;

/**
 * Turns events into key and value bytes. Called from the pipeline thread only; an implementation
 * may reuse its buffers between calls but must return arrays it no longer touches.
 */
public interface Encoder {

    /** The key: the row's key columns; null when the table has no key. */
    byte[] key(ChangeEvent event);

    /** The value: the whole change envelope. */
    byte[] value(ChangeEvent event);
}
