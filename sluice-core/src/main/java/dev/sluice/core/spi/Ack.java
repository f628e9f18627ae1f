package dev.sluice.core.spi;

/**
 * The sink's answer for one record. Exactly one method is called, once, from any thread, after
 * the record is durable in the sink ({@link #acked}) or cannot be delivered ({@link #failed}).
 * Implementations must be thread-safe and fast: they run on the sink's I/O thread.
 */
public interface Ack {

    void acked();

    /** Delivery failed; the pipeline restarts from the confirmed position, so nothing is lost. */
    void failed(Exception cause);
}
