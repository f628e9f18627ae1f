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
import dev.sluice.core.error.SluiceException;
import dev.sluice.postgres.control.ControlObserver;
import dev.sluice.server.config.ControlConfig;
import dev.sluice.server.control.ControlService;
import dev.sluice.server.control.SqlControlService;
import dev.sluice.server.http.AdminServer;
import java.util.Map;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PostgresSource;
import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.postgres.control.StatusReport;
import dev.sluice.postgres.control.Suspension;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
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
public final class SluiceEngine implements EngineView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceEngine.class);

    /** An attempt that ran this long was healthy: the next fault starts the backoff over. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    /** The topic of schema-change events, after the topic prefix. */
    private static final String SCHEMA_CHANGES_TOPIC = "schema-changes";

    /** How often a suspended Sluice looks whether it was resumed. */
    private static final Duration SUSPENDED_POLL = Duration.ofSeconds(1);

    /** The sink counts as unreachable when records wait this long without any acknowledgement. */
    private static final Duration SINK_SILENCE = Duration.ofSeconds(30);

    private final SluiceConfig config;
    private final EngineSettings settings;
    private final OffsetStore offsets;
    private final PipelineStats stats = new PipelineStats();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile PostgresSource source;
    private volatile DeliveryTracker tracker;
    private volatile EngineState state = EngineState.STARTING;
    private volatile String lastError;
    private final AtomicLong errors = new AtomicLong();
    private final Instant startedAt = Instant.now();
    private volatile StatusReporter status;
    private volatile String httpAddress;
    private final ConnectorManager connectors;
    private final ControlObserver observer;

    public SluiceEngine(SluiceConfig config) {
        this.config = config;
        this.settings = EngineSettings.from(config);
        this.offsets = new FileOffsetStore(config.stateDir().resolve(config.slot() + ".state"));
        ControlConfig control = config.control();
        this.connectors = control.connectUrl() == null ? null : new ConnectorManager(control.connectUrl(), control.connectUser(),
                control.connectPassword(), new TopicRouter(settings.topicPrefix(), settings.topicOverrides()));
        this.observer = connectors != null ? connectors : new ControlObserver() {
            @Override
            public void connectorsLoaded(Map<String, String> loaded) {
                if (!loaded.isEmpty()) {
                    LOG.warn("sluice.sink_connectors names {} connectors but connect-url is not set: they are not created; "
                            + "set connect-url to the Kafka Connect REST URL", loaded.size());
                }
            }
        };
    }

    /** The control plane's operations for the HTTP API: the SQL functions, with this engine's live view. */
    public ControlService controlService() {
        return new SqlControlService(settings.source(), name -> connectors == null ? null : connectors.state(name));
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
        status = new StatusReporter(new PgConnector(settings.source()), config.slot(), config.heartbeatInterval(), this::statusReport);
        AdminServer admin = null;
        try {
            if (config.control().httpAddress() != null) {
                admin = AdminServer.start(config.control(), this, controlService());
                String address = config.control().httpAddress();
                httpAddress = address.substring(0, address.lastIndexOf(':') + 1) + admin.port();
            }
            sinks.check();
            encoders.check();
            while (running) {
                PostgresSource attempt = new PostgresSource(settings.source(), offsets, observer);
                source = attempt;
                state = EngineState.STARTING;
                long began = System.nanoTime();
                Optional<Suspension> suspended = Optional.empty();
                try (Sink sink = new SinkHandOff(sinks.open(), config.maxInFlight())) {
                    DeliveryTracker attemptTracker = new DeliveryTracker(config.maxInFlight());
                    tracker = attemptTracker;
                    TopicRouter router = new TopicRouter(settings.topicPrefix(), settings.topicOverrides());
                    ChangePipeline pipeline = new ChangePipeline(attempt, router, () -> encoders.create(router), sink, attemptTracker,
                            config.tombstones(), stats,
                            config.format().schemaChangesTopic() ? router.prefixed(SCHEMA_CHANGES_TOPIC) : null);
                    pipeline.run();
                    suspended = attempt.suspension();
                    if (suspended.isEmpty()) {
                        return;
                    }
                } catch (RetriableException e) {
                    if (!started && !attempt.reachedStream()) {
                        throw new FatalException(e.getMessage() + "; is the server running and the address right?", e);
                    }
                    if (System.nanoTime() - began > HEALTHY_RUN.toNanos()) {
                        backoff = config.retryInitialBackoff();
                    }
                    errors.incrementAndGet();
                    lastError = e.getMessage();
                    state = EngineState.RETRYING;
                    LOG.warn("{}; retrying in {} ms", e.getMessage(), backoff.toMillis());
                    pause(backoff);
                    backoff = next(backoff);
                } finally {
                    started |= attempt.reachedStream();
                    attempt.close();
                }
                if (suspended.isPresent()) {
                    stayingSuspended(suspended.get());
                }
            }
        } catch (FatalException e) {
            lastError = e.getMessage();
            throw e;
        } finally {
            state = EngineState.STOPPED;
            status.close();
            if (admin != null) {
                admin.close();
            }
            if (connectors != null) {
                connectors.close();
            }
            stopped.countDown();
        }
    }

    /**
     * Suspended by {@code sluice.suspend()}: the stream stopped after the asking transaction, with
     * everything before it confirmed. Drops the slot if asked (resuming then takes a new snapshot),
     * and waits until {@code sluice.resume()} or {@link #stop()}.
     */
    private void stayingSuspended(Suspension suspension) {
        state = EngineState.SUSPENDED;
        status.beatNow();
        if (suspension.dropSlot()) {
            PostgresSource.reset(settings.source(), offsets);
            LOG.info("suspended: slot {} dropped as asked; resuming takes a new snapshot", config.slot());
        } else {
            LOG.info("suspended: slot {} kept at its confirmed position; sluice.resume() continues from there", config.slot());
        }
        PgConnector connector = new PgConnector(settings.source());
        while (running) {
            try (Connection connection = connector.open()) {
                while (running && ControlPlane.suspension(connection, config.slot()).isPresent()) {
                    pause(SUSPENDED_POLL);
                }
                if (running) {
                    LOG.info("resumed (sluice.resume())");
                }
                return;
            } catch (SluiceException | java.sql.SQLException e) {
                LOG.warn("suspended, and cannot read sluice.control to see whether to resume: {}; trying again", e.getMessage());
                pause(config.retryMaxBackoff());
            }
        }
    }

    private StatusReport statusReport() {
        PostgresSource current = source;
        String confirmed = offsets.load().map(p -> p.confirmed().toString()).orElse(null);
        return new StatusReport(config.slot(), state().name().toLowerCase(java.util.Locale.ROOT), config.publication(),
                ProcessHandle.current().pid(), host(), EngineSettings.version(), httpAddress, startedAt, config.heartbeatInterval(),
                confirmed, sinkReachable() ? "reachable" : "not acknowledging: " + sinkProblem(),
                connectors == null ? null : connectors.statesJson(),
                current == null ? null : snapshotsJson(), lastError);
    }

    private String snapshotsJson() {
        SnapshotMetrics s = snapshots();
        return String.format(java.util.Locale.ROOT, "{\"initial_rows\": %d, \"initial_rows_estimated\": %d, \"initial_chunks_done\": %d, "
                + "\"initial_chunks_total\": %d, \"initial_tables_left\": %d, \"incremental_rows\": %d, \"incremental_jobs\": %d}",
                s.rows(), s.estimatedRows(), s.chunksDone(), s.chunksTotal(), s.tablesLeft(), s.incrementalRows(), s.incrementalJobs());
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@code host:port} of the HTTP admin API once it listens (with the port picked for port 0). */
    public Optional<String> httpAddress() {
        return Optional.ofNullable(httpAddress);
    }

    @Override
    public EngineState state() {
        EngineState current = state;
        PostgresSource attempt = source;
        if (current != EngineState.STARTING || attempt == null) {
            return current;
        }
        if (attempt.streaming()) {
            return EngineState.STREAMING;
        }
        return attempt.initialSnapshot().isPresent() ? EngineState.SNAPSHOTTING : EngineState.STARTING;
    }

    @Override
    public String slot() {
        return config.slot();
    }

    @Override
    public OptionalLong lagBytes() {
        StatusReporter reporter = status;
        return reporter == null ? OptionalLong.empty() : reporter.lagBytes();
    }

    @Override
    public long lagMillis() {
        DeliveryTracker current = tracker;
        long acked = stats.lastAcknowledgedCommitMillis();
        if (current == null || current.inFlight() == 0 || acked == 0) {
            return 0;
        }
        return Math.max(0, System.currentTimeMillis() - acked);
    }

    @Override
    public SnapshotMetrics snapshots() {
        PostgresSource current = source;
        if (current == null) {
            return SnapshotMetrics.NONE;
        }
        SnapshotMetrics initial = current.initialSnapshot()
                .map(p -> new SnapshotMetrics(p.rows(), p.estimatedRows(), p.chunksDone(), p.chunks(), p.tablesLeft(), 0, 0))
                .orElse(SnapshotMetrics.NONE);
        return current.incrementalSnapshots()
                .map(i -> new SnapshotMetrics(initial.rows(), initial.estimatedRows(), initial.chunksDone(), initial.chunksTotal(),
                        initial.tablesLeft(), i.rowsEmitted(), i.jobs()))
                .orElse(initial);
    }

    @Override
    public long errors() {
        return errors.get();
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public long heartbeats() {
        StatusReporter reporter = status;
        return reporter == null ? 0 : reporter.beats();
    }

    /** The sink acknowledged within the last {@link #SINK_SILENCE} whenever records were waiting. */
    @Override
    public boolean sinkReachable() {
        return sinkProblem() == null;
    }

    private String sinkProblem() {
        DeliveryTracker current = tracker;
        if (current == null || current.inFlight() == 0) {
            return null;
        }
        long last = Math.max(stats.lastAcknowledgementMillis(), startedAt.toEpochMilli());
        long silent = System.currentTimeMillis() - last;
        return silent < SINK_SILENCE.toMillis() ? null
                : current.inFlight() + " records waiting, no acknowledgement for " + silent / 1000 + " s";
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
