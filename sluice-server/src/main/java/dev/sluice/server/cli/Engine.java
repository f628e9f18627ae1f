package dev.sluice.server.cli;

/**
 * What {@code sluice run} needs of an engine: run until stopped, and stop from another thread
 * (the shutdown hook). An interface so the CLI's behaviour — exit codes, messages, shutdown — can
 * be tested without a database.
 */
public interface Engine {

    /** Blocks until {@link #stop()} is called or a fatal fault is thrown. */
    void run();

    /** Drops the slot and local state before {@link #run()}, so the run starts with a new snapshot. */
    default void reset() {
    }

    /** Asks {@link #run()} to return; callable from any thread. */
    void stop();
}
