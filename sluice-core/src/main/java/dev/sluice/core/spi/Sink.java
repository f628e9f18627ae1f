package dev.sluice.core.spi;

import java.util.List;

/**
 * Where encoded records go. Sends are asynchronous: {@link #send} hands the record over and
 * returns; the sink later calls the record's {@link Ack}.
 *
 * <p>Durability contract: a sink calls {@link Ack#acked()} only when the record will survive a
 * crash of this process (for Kafka: acknowledged by the brokers under {@code acks=all}). Sluice
 * confirms a source position only after every record at or before it was acked, so an early ack
 * is data loss. Records sent for the same topic and key are delivered in send order.
 *
 * <p>Called from one thread (the pipeline's); acks may come from any thread.
 */
public interface Sink extends AutoCloseable {

    void send(SinkRecord record, Ack ack);

    /**
     * Sends {@code records} in order, each acknowledged through the one {@code ack} (called once per
     * record). A sink that can hand over a batch more cheaply than record by record overrides it.
     */
    default void send(List<SinkRecord> records, Ack ack) {
        for (SinkRecord record : records) {
            send(record, ack);
        }
    }

    /** Blocks until every record sent so far is acked or failed. */
    void flush();

    @Override
    void close();
}
