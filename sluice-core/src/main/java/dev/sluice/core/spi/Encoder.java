package dev.sluice.core.spi;

import dev.sluice.core.event.ChangeEvent;

/**
 * Turns events into key and value bytes. Each instance is used by one thread at a time (the
 * pipeline's, or a snapshot reader's through the pipeline's preparer), so an implementation may
 * reuse its buffers between calls; it must return arrays it no longer touches.
 */
public interface Encoder {

    /** The key: the row's key columns; null when the table has no key. */
    byte[] key(ChangeEvent event);

    /** The value: the whole change envelope. */
    byte[] value(ChangeEvent event);
}
