package dev.sluice.server.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an {@link Engine} on its own thread for the demo, which must keep writing and reading
 * while the engine streams, and remembers how the engine ended so the demo can report it.
 */
final class EngineThread {

    private final Engine engine;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private EngineThread(Engine engine) {
        this.engine = engine;
        this.thread = new Thread(this::run, "sluice-engine");
    }

    /** Starts {@code engine.run()} on a new thread. */
    static EngineThread start(Engine engine) {
        EngineThread started = new EngineThread(engine);
        started.thread.start();
        return started;
    }

    private void run() {
        try {
            engine.run();
        } catch (RuntimeException e) {
            failure.set(e);
        } catch (Error e) {
            failure.set(new IllegalStateException("the engine died: " + e, e));
        }
    }

    /** Whether the engine ended by throwing. */
    boolean failed() {
        return failure.get() != null;
    }

    /**
     * Stops the engine and waits for it, at most {@code timeout}; throws what the engine threw, if
     * it threw.
     */
    void stop(Duration timeout) throws InterruptedException {
        engine.stop();
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the engine did not stop within " + timeout.toSeconds() + "s");
        }
        RuntimeException thrown = failure.get();
        if (thrown != null) {
            throw thrown;
        }
    }
}
