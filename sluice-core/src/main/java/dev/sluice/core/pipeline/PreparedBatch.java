package dev.sluice.core.pipeline;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.spi.ChangeBatch;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.core.transform.CaptureRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch whose records were made on the source's reading thread, under the capture rules and
 * by the pipeline that it names; the pipeline only has to count and send them.
 */
final class PreparedBatch extends ChangeBatch implements RecordMaker.Output {

    final ChangePipeline pipeline;
    final CaptureRules rules;
    final List<SinkRecord> records;
    final List<ChangeEvent> emitted;
    long bytes;
    /** The commit time of the last record's change; 0 for snapshot rows. */
    long commitMillis;

    PreparedBatch(List<ChangeEvent> events, ChangePipeline pipeline, CaptureRules rules) {
        super(events);
        this.pipeline = pipeline;
        this.rules = rules;
        this.records = new ArrayList<>(events.size());
        this.emitted = new ArrayList<>(events.size());
    }

    @Override
    public void record(SinkRecord record, long commitMillis) {
        records.add(record);
        this.commitMillis = commitMillis;
    }

    @Override
    public void emitted(ChangeEvent event, long recordBytes) {
        emitted.add(event);
        bytes += recordBytes;
    }
}
