package dev.sluice.core.spi;

/**
 * Produces changes in commit order. {@link #run} blocks on the caller's thread; every other method
 * but {@link #stop} is called from that thread too.
 *
 * <p>A source confirms a position to its origin (the replication slot) only when
 * {@link Confirmations#confirmable()} reports it, i.e. after the sink acknowledged every change
 * at or before it.
 */
public interface Source extends AutoCloseable {

    /**
     * Streams changes to {@code listener} until {@link #stop} or a failure, which is thrown as a
     * {@link dev.sluice.core.error.RetriableException} or {@link dev.sluice.core.error.FatalException}.
     */
    void run(ChangeListener listener, Confirmations confirmations);

    /**
     * Called while the listener waits for the sink: answer the origin's keepalives and report
     * progress so that the origin does not drop the connection. Must not block for long.
     */
    void keepAlive();

    /** Asks {@link #run} to return soon; callable from any thread. */
    void stop();

    @Override
    void close();
}
