package dev.sluice.core.pipeline;

import dev.sluice.core.encode.SchemaChangeEncoder;
import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.SchemaChange;
import dev.sluice.core.event.TableId;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.transform.CaptureFilter;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.Encoder;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.core.spi.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Source → route → encode → sink, on the source's thread. It splits updates that change the key
 * into a delete and a create (so that per-key consumers and compacted topics stay right), and
 * follows a delete with a tombstone when configured. Acks flow back through the
 * {@link DeliveryTracker}, which decides what the source may confirm.
 */
public final class ChangePipeline implements ChangeListener {

    private final Source source;
    private final TopicRouter router;
    private final Encoder encoder;
    private final Sink sink;
    private final DeliveryTracker tracker;
    private final boolean tombstones;
    private final PipelineStats stats;
    private final String schemaChangesTopic;
    private final SchemaChangeEncoder schemaChanges;
    private final Map<TableId, RowSchema> knownSchemas = new HashMap<>();
    private final CaptureFilter filter = new CaptureFilter();

    public ChangePipeline(Source source, TopicRouter router, Encoder encoder, Sink sink,
            DeliveryTracker tracker, boolean tombstones, PipelineStats stats) {
        this(source, router, encoder, sink, tracker, tombstones, stats, null);
    }

    /** {@code schemaChangesTopic}: where a record goes for each {@link SchemaChange}; null for nowhere. */
    public ChangePipeline(Source source, TopicRouter router, Encoder encoder, Sink sink,
            DeliveryTracker tracker, boolean tombstones, PipelineStats stats, String schemaChangesTopic) {
        this.schemaChangesTopic = schemaChangesTopic;
        this.schemaChanges = schemaChangesTopic == null ? null : new SchemaChangeEncoder(java.time.Clock.systemUTC());
        this.source = source;
        this.router = router;
        this.encoder = encoder;
        this.sink = sink;
        this.tracker = tracker;
        this.tombstones = tombstones;
        this.stats = stats;
        tracker.reportTo(stats);
    }

    /** Runs the source into the sink until it stops or fails. */
    public void run() {
        source.run(this, tracker);
    }

    @Override
    public void onBegin() {
        tracker.begin();
    }

    @Override
    public void onChange(ChangeEvent original) {
        ChangeEvent event = filter.apply(original);
        if (event == null) {
            return;
        }
        if (event.op() == Operation.UPDATE && keyChanged(event)) {
            emit(new ChangeEvent(Operation.DELETE, event.schema(), event.before(), null, event.lsn(),
                    event.txId(), event.commitTimeMicros(), event.snapshot()));
            emit(new ChangeEvent(Operation.CREATE, event.schema(), null, event.after(), event.lsn(),
                    event.txId(), event.commitTimeMicros(), event.snapshot()));
        } else {
            emit(event);
        }
    }

    @Override
    public void onCommit(Lsn confirmLsn) {
        tracker.commit(confirmLsn);
    }

    /**
     * Emits a schema-change record when the columns differ from the table's last known ones: the
     * source's previous definition, or, for the first one of a stream, the snapshot rows'.
     */
    @Override
    public void onSchemaChange(SchemaChange change) {
        if (schemaChangesTopic == null) {
            return;
        }
        RowSchema before = change.before() != null ? change.before() : knownSchemas.get(change.table());
        knownSchemas.put(change.table(), change.after());
        if (before == null || before.columns().equals(change.after().columns())) {
            return;
        }
        SchemaChange known = new SchemaChange(before, change.after(), change.lsn(), change.txId(), change.commitTimeMicros());
        send(new SinkRecord(schemaChangesTopic, schemaChanges.key(known), schemaChanges.value(known),
                change.commitTimeMicros() / 1000));
    }

    @Override
    public void onCaptureRule(TableId table, CaptureRule rule) {
        filter.set(table, rule);
        router.route(table, rule == null ? null : rule.topic());
    }

    @Override
    public void onSkipped(TableId table, long count) {
        stats.skipped(table, count);
    }

    private void emit(ChangeEvent event) {
        if (schemaChangesTopic != null && event.snapshot()) {
            knownSchemas.putIfAbsent(event.table(), event.schema());
        }
        String topic = router.topic(event.table());
        byte[] key = encoder.key(event);
        byte[] value = encoder.value(event);
        long timestamp = event.commitTimeMicros() / 1000;
        long commitMillis = event.snapshot() ? 0 : timestamp;
        send(new SinkRecord(topic, key, value, timestamp), commitMillis);
        if (event.op() == Operation.DELETE && tombstones && key != null) {
            send(new SinkRecord(topic, key, null, timestamp), commitMillis);
        }
        stats.count(event, (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
    }

    private void send(SinkRecord record) {
        send(record, 0);
    }

    private void send(SinkRecord record, long commitMillis) {
        Ack ack = tracker.acquire(source::keepAlive, commitMillis);
        try {
            sink.send(record, ack);
        } catch (FatalException e) {
            ack.failed(e);
            throw e;
        } catch (RuntimeException e) {
            ack.failed(e);
            throw new RetriableException("could not hand a record for " + record.topic() + " to the sink: " + e.getMessage(), e);
        }
    }

    private static boolean keyChanged(ChangeEvent event) {
        Row before = event.before();
        Row after = event.after();
        RowSchema schema = event.schema();
        if (before == null || after == null || !schema.keyed()) {
            return false;
        }
        for (int i : schema.keyIndexes()) {
            if (!after.isAbsent(i) || before.isAbsent(i) && !Objects.equals(before.value(i), after.value(i))) {
                return true;
            }
        }
        return false;
    }
}
