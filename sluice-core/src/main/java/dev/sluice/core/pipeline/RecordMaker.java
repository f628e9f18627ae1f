package dev.sluice.core.pipeline;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Encoder;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.core.transform.CaptureFilter;
import dev.sluice.core.transform.CaptureRules;
import java.util.Objects;

/**
 * Turns one source event into the records the sink gets: applies the capture rules, splits an
 * update that changes the key into a delete and a create (so that per-key consumers and compacted
 * topics stay right), routes, encodes, and follows a delete with a tombstone when configured.
 * One instance per thread: it owns its encoder and filter.
 */
final class RecordMaker {

    /** Where a maker's output goes. */
    interface Output {
        /** A record for the sink, of a change committed at {@code commitMillis} (0 for snapshot rows). */
        void record(SinkRecord record, long commitMillis);

        /** An event emitted, counted with the bytes of its record (a tombstone is not counted). */
        void emitted(ChangeEvent event, long recordBytes);
    }

    private final TopicRouter router;
    private final Encoder encoder;
    private final boolean tombstones;
    private final CaptureFilter filter = new CaptureFilter();

    RecordMaker(TopicRouter router, Encoder encoder, boolean tombstones) {
        this.router = router;
        this.encoder = encoder;
        this.tombstones = tombstones;
    }

    /** Applies {@code rules} to the events made from now on. */
    void use(CaptureRules rules) {
        filter.use(rules);
    }

    void make(ChangeEvent original, Output out) {
        ChangeEvent event = filter.apply(original);
        if (event == null) {
            return;
        }
        if (event.op() == Operation.UPDATE && keyChanged(event)) {
            emit(new ChangeEvent(Operation.DELETE, event.schema(), event.before(), null, event.lsn(),
                    event.txId(), event.commitTimeMicros(), event.snapshot()), out);
            emit(new ChangeEvent(Operation.CREATE, event.schema(), null, event.after(), event.lsn(),
                    event.txId(), event.commitTimeMicros(), event.snapshot()), out);
        } else {
            emit(event, out);
        }
    }

    private void emit(ChangeEvent event, Output out) {
        String topic = router.topic(event.table());
        byte[] key = encoder.key(event);
        byte[] value = encoder.value(event);
        long timestamp = event.commitTimeMicros() / 1000;
        long commitMillis = event.snapshot() ? 0 : timestamp;
        out.record(new SinkRecord(topic, key, value, timestamp), commitMillis);
        if (event.op() == Operation.DELETE && tombstones && key != null) {
            out.record(new SinkRecord(topic, key, null, timestamp), commitMillis);
        }
        out.emitted(event, (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
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
