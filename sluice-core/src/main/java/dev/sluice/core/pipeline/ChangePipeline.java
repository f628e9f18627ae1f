package dev.sluice.core.pipeline;

import dev.sluice.core.encode.SchemaChangeEncoder;
import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.SchemaChange;
import dev.sluice.core.event.TableId;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.ChangeBatch;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.ChangePreparer;
import dev.sluice.core.spi.Encoder;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.core.spi.Source;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.core.transform.CaptureRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Source → capture rules → route → encode → sink, on the source's thread; {@link RecordMaker}
 * does the per-event part. A source that reads with several threads (the parallel snapshot) gets
 * {@link #preparer() preparers} that do that part on its threads, each with its own encoder, and
 * the pipeline thread then only counts and sends the batch. Acks flow back through the
 * {@link DeliveryTracker}, which decides what the source may confirm.
 */
public final class ChangePipeline implements ChangeListener {

    private final Source source;
    private final TopicRouter router;
    private final Supplier<Encoder> encoders;
    private final Sink sink;
    private final DeliveryTracker tracker;
    private final boolean tombstones;
    private final PipelineStats stats;
    private final String schemaChangesTopic;
    private final SchemaChangeEncoder schemaChanges;
    private final Map<TableId, RowSchema> knownSchemas = new HashMap<>();
    private final RecordMaker maker;
    private final RecordMaker.Output direct = new Direct();
    /** The capture rules now; replaced (never changed) at each capture-list commit, read by preparers. */
    private volatile CaptureRules rules = CaptureRules.NONE;

    /** {@code encoders} makes the pipeline's encoder, and one more for each preparer. */
    public ChangePipeline(Source source, TopicRouter router, Supplier<Encoder> encoders, Sink sink,
            DeliveryTracker tracker, boolean tombstones, PipelineStats stats) {
        this(source, router, encoders, sink, tracker, tombstones, stats, null);
    }

    /** {@code schemaChangesTopic}: where a record goes for each {@link SchemaChange}; null for nowhere. */
    public ChangePipeline(Source source, TopicRouter router, Supplier<Encoder> encoders, Sink sink,
            DeliveryTracker tracker, boolean tombstones, PipelineStats stats, String schemaChangesTopic) {
        this.schemaChangesTopic = schemaChangesTopic;
        this.schemaChanges = schemaChangesTopic == null ? null : new SchemaChangeEncoder(java.time.Clock.systemUTC());
        this.source = source;
        this.router = router;
        this.encoders = encoders;
        this.sink = sink;
        this.tracker = tracker;
        this.tombstones = tombstones;
        this.stats = stats;
        this.maker = new RecordMaker(router, encoders.get(), tombstones);
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
    public void onChange(ChangeEvent event) {
        maker.make(event, direct);
    }

    @Override
    public ChangePreparer preparer() {
        RecordMaker own = new RecordMaker(router, encoders.get(), tombstones);
        return events -> {
            CaptureRules current = rules;
            own.use(current);
            PreparedBatch batch = new PreparedBatch(events, this, current);
            for (ChangeEvent event : events) {
                own.make(event, batch);
            }
            return batch;
        };
    }

    /**
     * Sends a prepared batch as it is, unless the capture rules changed after it was prepared (or
     * another pipeline prepared it): then its events go through {@link #onChange} like any others.
     */
    @Override
    public void onChanges(ChangeBatch batch) {
        if (!(batch instanceof PreparedBatch prepared) || prepared.pipeline != this || prepared.rules != rules) {
            ChangeListener.super.onChanges(batch);
            return;
        }
        if (schemaChangesTopic != null) {
            prepared.emitted.forEach(this::rememberSnapshotSchema);
        }
        List<SinkRecord> records = prepared.records;
        for (int from = 0; from < records.size();) {
            int count = Math.min(records.size() - from, tracker.maxInFlight());
            Ack ack = tracker.acquire(count, source::keepAlive, prepared.commitMillis);
            List<SinkRecord> part = records.subList(from, from + count);
            try {
                sink.send(part, ack);
            } catch (FatalException e) {
                ack.failed(e);
                throw e;
            } catch (RuntimeException e) {
                ack.failed(e);
                throw new RetriableException("could not hand " + count + " records for " + part.get(0).topic()
                        + " to the sink: " + e.getMessage(), e);
            }
            from += count;
        }
        stats.count(prepared.emitted, prepared.bytes);
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
        // Routed first: a preparer that sees the new rules then sees the new topic too.
        router.route(table, rule == null ? null : rule.topic());
        rules = rules.with(table, rule);
        maker.use(rules);
    }

    @Override
    public void onSkipped(TableId table, long count) {
        stats.skipped(table, count);
    }

    private void rememberSnapshotSchema(ChangeEvent event) {
        if (event.snapshot()) {
            knownSchemas.putIfAbsent(event.table(), event.schema());
        }
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

    /** Sends each record of {@link #onChange} as it is made. */
    private final class Direct implements RecordMaker.Output {
        @Override
        public void record(SinkRecord record, long commitMillis) {
            send(record, commitMillis);
        }

        @Override
        public void emitted(ChangeEvent event, long recordBytes) {
            if (schemaChangesTopic != null) {
                rememberSnapshotSchema(event);
            }
            stats.count(event, recordBytes);
        }
    }
}
