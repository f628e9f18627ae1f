package dev.sluice.server.engine;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.offset.FileOffsetStore;
import dev.sluice.core.pipeline.ChangePipeline;
import dev.sluice.core.pipeline.DeliveryTracker;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.core.pipeline.SinkHandOff;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.OffsetStore;
import dev.sluice.core.spi.Sink;
import dev.sluice.formats.EncoderFactory;
import dev.sluice.postgres.PostgresSource;
import dev.sluice.server.config.SluiceConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source into its sink until stopped: preflight checks, slot and publication, the initial
 * snapshot, then the stream.
 *
 * <p>Every attempt builds a fresh source, sink and tracker, so a retry always restarts from the
 * position confirmed to the slot: whatever was in flight is sent again (at-least-once), nothing is
 * skipped. Transient faults are retried with exponential backoff, for ever once the stream has
 * run; before the first successful start they are reported as fatal, because then they are
 * almost always a wrong URL or a server that is not running.
 */
public final class SluiceEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceEngine.class);

    /** An attempt that ran this long was healthy: the next fault starts the backoff over. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    /** The topic of schema-change events, after the topic prefix. */
    private static final String SCHEMA_CHANGES_TOPIC = "schema-changes";

    private final SluiceConfig config;
    private final EngineSettings settings;
    private final OffsetStore offsets;
    private final PipelineStats stats = new PipelineStats();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile PostgresSource source;

    public SluiceEngine(SluiceConfig config) {
        this.config = config;
        this.settings = EngineSettings.from(config);
        this.offsets = new FileOffsetStore(config.stateDir().resolve(config.slot() + ".state"));
    }

    /**
     * Blocks until {@link #stop()} is called or a fatal fault occurs, which is thrown as a
     * {@link FatalException} whose message is the line to show the user.
     */
    public void run() {
        Duration backoff = config.retryInitialBackoff();
        boolean started = false;
        Sinks sinks = new Sinks(config);
        EncoderFactory encoders = new EncoderFactory(settings.formats(), settings.database(), settings.topicPrefix(), Clock.systemUTC());
        try {
            sinks.check();
            encoders.check();
            while (running) {
                PostgresSource attempt = new PostgresSource(settings.source(), offsets);
                source = attempt;
                long began = System.nanoTime();
                try (Sink sink = new SinkHandOff(sinks.open(), config.maxInFlight())) {
                    DeliveryTracker tracker = new DeliveryTracker(config.maxInFlight());
                    TopicRouter router = new TopicRouter(settings.topicPrefix(), settings.topicOverrides());
                    ChangePipeline pipeline = new ChangePipeline(attempt, router, encoders.create(router), sink, tracker,
                            config.tombstones(), stats,
                            config.format().schemaChangesTopic() ? router.prefixed(SCHEMA_CHANGES_TOPIC) : null);
                    pipeline.run();
                    return;
                } catch (RetriableException e) {
                    if (!started && !attempt.reachedStream()) {
                        throw new FatalException(e.getMessage() + "; is the server running and the address right?", e);
                    }
                    if (System.nanoTime() - began > HEALTHY_RUN.toNanos()) {
                        backoff = config.retryInitialBackoff();
                    }
                    LOG.warn("{}; retrying in {} ms", e.getMessage(), backoff.toMillis());
                    pause(backoff);
                    backoff = next(backoff);
                } finally {
                    started |= attempt.reachedStream();
                    attempt.close();
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Drops the slot and the local state, so that {@link #run()} starts over with a new snapshot. */
    public void reset() {
        PostgresSource.reset(settings.source(), offsets);
    }

    /** Counters of emitted events. */
    public PipelineStats stats() {
        return stats;
    }

    private void pause(Duration backoff) {
        try {
            // Wakes early when stop() is called.
            stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : doubled;
    }

    /** Asks {@link #run()} to return; callable from any thread (e.g. a shutdown hook). */
    public void stop() {
        running = false;
        PostgresSource current = source;
        if (current != null) {
            current.stop();
        }
    }

    /** Waits until {@link #run()} has returned, at most {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stop();
    }
}
